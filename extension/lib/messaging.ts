// The one typed message protocol between the content script, the background and the side panel.
import { defineExtensionMessaging } from "@webext-core/messaging";
import type { AdminContext } from "./schemas";

interface ProtocolMap {
  /** content script → background: the admin page on screen in this tab (null: not an order/customer page). */
  adminPage(ctx: AdminContext | null): void;
  /** panel → background: fresh unread count (keeps the badge in step while the panel is open). */
  unreadCount(count: number): void;
  /** panel → background: credentials changed (sign-in / sign-out). */
  sessionChanged(): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
