import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../../db/client.js";

/** Multi-step flows; each keeps what the next step needs. Stored as JSON, read back through zod. */
export const flowState = z.discriminatedUnion("flow", [
  z.object({ flow: z.literal("confirm_done"), taskId: z.string(), note: z.string().optional() }),
  z.object({
    flow: z.literal("choose_task"),
    action: z.enum(["detail", "history", "done", "progress", "evidence", "extension"]),
    taskIds: z.array(z.string()).min(1),
    percent: z.number().optional(),
    note: z.string().optional(),
    until: z.string().optional(),
    reason: z.string().optional(),
  }),
  z.object({ flow: z.literal("await_evidence"), taskId: z.string() }),
  z.object({
    flow: z.literal("choose_procedure"),
    codes: z.array(z.string()).min(1),
    aspects: z.array(z.string()),
    question: z.string(),
  }),
  /** The procedure a citizen was just told about, for follow-up questions. */
  z.object({ flow: z.literal("procedure_context"), code: z.string(), question: z.string().optional() }),
  /** A citizen asked for a person; the question waits for the desk. */
  z.object({ flow: z.literal("offer_handoff"), question: z.string() }),
  /** The next message is a complaint or suggestion (phản ánh, kiến nghị). */
  z.object({ flow: z.literal("await_pakn") }),
  /** An official pressed "Trả lời": their next message goes to the citizen. */
  z.object({ flow: z.literal("answer_handoff"), feedbackId: z.string() }),
  z.object({
    flow: z.literal("list_more"),
    list: z.enum(["tasks", "dossiers"]),
    /** The serialised filter of the list being paged. */
    filter: z.string(),
    offset: z.number().int().min(0),
  }),
]);
export type FlowState = z.infer<typeof flowState>;
export type StoredFlow = FlowState & { nonce: string; expiresAt: Date };

/**
 * Where a user is in a conversation, in the database so a restart mid-flow loses nothing.
 * One flow per user; starting a flow replaces the previous one. Every flow gets a fresh
 * nonce that its buttons carry, so pressing a button of an older flow is recognised as stale.
 */
export class ConversationStore {
  constructor(private readonly prisma: Db) {}

  async get(communeId: string, zaloUserId: string, now = new Date()): Promise<StoredFlow | null> {
    const row = await this.prisma.conversationState.findUnique({
      where: { communeId_zaloUserId: { communeId, zaloUserId } },
    });
    if (!row || row.expiresAt <= now) return null;
    const parsed = z.object({ nonce: z.string(), state: flowState }).safeParse(safeJson(row.data));
    if (!parsed.success) return null;
    return { ...parsed.data.state, nonce: parsed.data.nonce, expiresAt: row.expiresAt };
  }

  async start(
    communeId: string,
    zaloUserId: string,
    state: FlowState,
    ttlMs: number,
    now = new Date(),
  ): Promise<string> {
    const nonce = randomBytes(4).toString("hex");
    const data = JSON.stringify({ nonce, state: flowState.parse(state) });
    const expiresAt = new Date(now.getTime() + ttlMs);
    await this.prisma.conversationState.upsert({
      where: { communeId_zaloUserId: { communeId, zaloUserId } },
      create: { communeId, zaloUserId, flow: state.flow, data, expiresAt },
      update: { flow: state.flow, data, expiresAt },
    });
    return nonce;
  }

  async clear(communeId: string, zaloUserId: string): Promise<void> {
    await this.prisma.conversationState.deleteMany({ where: { communeId, zaloUserId } });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
