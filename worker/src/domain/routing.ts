// Which ticket object a message belongs to. Names are deterministic, so concurrent first messages meet in one object.
export const smsTicketName = (workspaceId: string, phone: string) => `sms:${workspaceId}:${phone}`;
export const chatTicketName = (workspaceId: string, sessionId: string) => `chat:${workspaceId}:${sessionId}`;
export const emailTicketName = (workspaceId: string, rootMessageId: string) => `email:${workspaceId}:${rootMessageId.toLowerCase()}`;
