export * from "./errors";
export * from "./activities";
export * from "./events";
