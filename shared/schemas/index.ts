export * from "./common";
export * from "./message";
export * from "./profile";
export * from "./ticket";
export * from "./settings";
export * from "./api";
export * from "./realtime";
export * from "./webhooks";
