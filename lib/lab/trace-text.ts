import type { SimError } from "@/lib/sim/sts/assume-role";

/** "AccessDenied (HTTP 403): Not authorized to perform sts:AssumeRoleWithWebIdentity" (client-safe). */
export const errorLine = (e: SimError): string => `${e.code}${e.httpStatus !== null ? ` (HTTP ${e.httpStatus})` : ""}: ${e.message}`;
