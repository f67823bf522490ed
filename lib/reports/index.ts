export * from "./types";
export * from "./labels";
export * from "./compute";
export * from "./csv";
export * from "./json";
export * from "./compare";
export * from "./dto";
