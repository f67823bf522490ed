export * from "./phase";
export * from "./answers";
export * from "./scoring";
export * from "./join-code";
export * from "./nickname";
export * from "./leaderboard";
export * from "./persisted";
