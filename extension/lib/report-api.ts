// GET /api/reports (docs/api.md §12), loaded with the reports screen: its schema stays out of the first screen.
import { Report, type ReportQuery } from "../../shared/schemas/report";
import type { Api } from "./api";

export function fetchReport(api: Api, q: ReportQuery) {
  return api.request(Report, "GET", `/api/reports?${new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => Boolean(e[1])))}`);
}
