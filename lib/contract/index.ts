export * from "./errors";
export * from "./activities";
export * from "./events";
export * from "./http";
