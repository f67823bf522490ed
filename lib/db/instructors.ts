import type { InstructorDto } from "@/lib/contract";
import { Prisma } from "@/generated/prisma/client";
import type { PrismaClient } from "./client";

/** Emails compare case-insensitively: stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface InstructorWithHash extends InstructorDto {
  passwordHash: string;
}

function toDto(row: { id: string; email: string; name: string }): InstructorDto {
  return { id: row.id, email: row.email, name: row.name };
}

/** A new instructor, or "EMAIL_TAKEN" when an account with that email exists (unique index, no race). */
export async function createInstructor(
  prisma: PrismaClient,
  input: { email: string; name: string; passwordHash: string },
): Promise<InstructorDto | "EMAIL_TAKEN"> {
  try {
    const row = await prisma.instructor.create({
      data: { email: normalizeEmail(input.email), name: input.name.trim(), passwordHash: input.passwordHash },
    });
    return toDto(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "EMAIL_TAKEN";
    throw error;
  }
}

export async function findInstructorByEmail(prisma: PrismaClient, email: string): Promise<InstructorWithHash | null> {
  const row = await prisma.instructor.findUnique({ where: { email: normalizeEmail(email) } });
  return row ? { ...toDto(row), passwordHash: row.passwordHash } : null;
}

export async function findInstructorById(prisma: PrismaClient, id: string): Promise<InstructorDto | null> {
  const row = await prisma.instructor.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
  return row ? toDto(row) : null;
}

export function countInstructors(prisma: PrismaClient): Promise<number> {
  return prisma.instructor.count();
}
