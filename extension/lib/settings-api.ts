// GET and PUT /api/settings (docs/api.md §10), loaded with the settings screen (and by the background for the badge
// switch): the settings answer's schema stays off the side panel's first screen.
import type { SettingsUpdate } from "../../shared/schemas/settings";
import { SettingsView } from "../../shared/schemas/settings-view";
import type { Api } from "./api";

export const getSettings = (api: Api) => api.request(SettingsView, "GET", "/api/settings");
export const putSettings = (api: Api, update: SettingsUpdate) => api.request(SettingsView, "PUT", "/api/settings", update);
