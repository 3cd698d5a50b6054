// Who is signed in: credentials (extension storage), the agent, workspace and colleagues.
import { INBOX_ROLES, type Agent } from "../../shared/schemas";
import { Api, ApiError, normalizeBaseUrl } from "../lib/api";
import { t } from "../lib/i18n.svelte";
import type { Me } from "../lib/schemas";
import { credentialsItem, draftsItem, outboxItem, readCredentials } from "../lib/storage";

export type Phase = "loading" | "signed_out" | "ready";

export class Session {
  phase = $state<Phase>("loading");
  api = $state.raw<Api | null>(null);
  me = $state.raw<Me | null>(null);
  agents = $state.raw<Agent[]>([]);
  /** Set when stored credentials stopped working (token revoked), shown on the sign-in screen. */
  notice = $state<string | null>(null);

  constructor(private readonly makeApi: (baseUrl: string, token: string) => Api = (b, t) => new Api(b, t)) {}

  get agentId(): string {
    return this.me?.agent.id ?? "";
  }
  get role() {
    return this.me?.agent.role ?? "support";
  }
  get isAdmin(): boolean {
    return this.role === "owner" || this.role === "admin";
  }
  get isOwner(): boolean {
    return this.role === "owner";
  }
  /** Analysts (a reporting role) get a reports-only panel: no inbox, no live socket. */
  get canUseInbox(): boolean {
    return INBOX_ROLES.includes(this.role);
  }
  get canSeeReports(): boolean {
    return ["owner", "admin", "manager", "analyst"].includes(this.role);
  }

  agentName(id: string | null): string {
    if (!id) return t("inbox.agent.unassigned");
    if (id === this.agentId) return t("inbox.agent.you");
    return this.agents.find((a) => a.id === id)?.name ?? t("inbox.agent.unknown");
  }

  /** Restore from storage; offline is fine (we keep the stored session and catch up later). */
  async restore(): Promise<void> {
    const creds = await readCredentials();
    if (!creds) {
      this.phase = "signed_out";
      return;
    }
    const api = this.makeApi(creds.baseUrl, creds.token);
    try {
      this.me = await api.me();
      this.api = api;
      this.phase = "ready";
      if (this.canUseInbox) void this.loadAgents();
    } catch (err) {
      if (err instanceof ApiError && (err.kind === "unauthorized" || err.kind === "forbidden")) {
        this.notice = t("signin.errors.signedOut", { reason: err.message });
        await credentialsItem.setValue(null);
        this.phase = "signed_out";
        return;
      }
      // Network down at start: keep the session; views show the offline state and retry.
      this.api = api;
      this.phase = "ready";
    }
  }

  /** Validates the URL and token against GET /api/me before storing them. Throws ApiError with a clear message. */
  async signIn(urlInput: string, tokenInput: string): Promise<void> {
    const baseUrl = normalizeBaseUrl(urlInput);
    const token = tokenInput.trim();
    if (!token) throw new ApiError("invalid", 0, "empty_token", t("signin.errors.emptyToken"));
    const api = this.makeApi(baseUrl, token);
    try {
      this.me = await api.me();
    } catch (err) {
      if (err instanceof ApiError && err.kind === "unauthorized")
        throw new ApiError("unauthorized", 401, err.code, t("signin.errors.tokenRefused", { reason: err.message }));
      if (err instanceof ApiError && err.kind === "not_found")
        throw new ApiError("not_sidedesk", 404, err.code, t("signin.errors.notSidedesk", { url: baseUrl }));
      throw err;
    }
    await credentialsItem.setValue({ baseUrl, token });
    this.api = api;
    this.notice = null;
    this.phase = "ready";
    if (this.canUseInbox) await this.loadAgents();
  }

  /** After renewing our own token: the old one no longer works, so keep the new one. */
  async replaceToken(token: string): Promise<void> {
    const creds = await credentialsItem.getValue();
    if (!creds) return;
    await credentialsItem.setValue({ ...creds, token });
    this.api = this.makeApi(creds.baseUrl, token);
  }

  /** Nothing of this agent stays behind for the next one: drafts and unsent replies go with the credentials. */
  async signOut(): Promise<void> {
    await Promise.all([draftsItem.setValue({}), outboxItem.setValue([])]);
    await credentialsItem.setValue(null);
    this.api = null;
    this.me = null;
    this.agents = [];
    this.phase = "signed_out";
  }

  async loadAgents(): Promise<void> {
    if (!this.api) return;
    try {
      if (!this.me) this.me = await this.api.me();
      this.agents = await this.api.agents();
    } catch {
      /* retried on reconnect */
    }
  }
}
