// The automation rules of the agent API (docs/api.md §17), loaded with the settings screen that uses them.
import { z } from "zod";
import { RuleList, RuleResponse, RuleTryResponse, type RuleBody } from "../../shared/schemas/rules";
import type { Api } from "./api";

const enc = encodeURIComponent;

export const rulesApi = {
  list: (api: Api) => api.request(RuleList, "GET", "/api/rules").then((r) => r.rules),
  save: (api: Api, id: string | null, body: RuleBody) =>
    api.request(RuleResponse, id ? "PUT" : "POST", id ? `/api/rules/${enc(id)}` : "/api/rules", body).then((r) => r.rule),
  remove: (api: Api, id: string) => api.request(z.null(), "DELETE", `/api/rules/${enc(id)}`),
  reorder: (api: Api, ids: string[]) => api.request(RuleList, "PUT", "/api/rules/order", { ids }).then((r) => r.rules),
  try: (api: Api, rule: RuleBody, ticketNumber: number) => api.request(RuleTryResponse, "POST", "/api/rules/try", { rule, ticketNumber }),
};
