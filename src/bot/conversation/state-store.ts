import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../../db/client.js";

/** A user's current multi-step flow as stored; each feature reads its own flow's data (flow.ts). */
export interface StoredFlow {
  name: string;
  nonce: string;
  expiresAt: Date;
  /** `{ flow: name, …data }`, validated by the flow's definition when read. */
  state: Record<string, unknown>;
}

const stored = z.object({ nonce: z.string(), state: z.looseObject({ flow: z.string() }) });

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
    const parsed = stored.safeParse(safeJson(row.data));
    if (!parsed.success) return null;
    const { nonce, state } = parsed.data;
    return { name: state.flow, nonce, expiresAt: row.expiresAt, state };
  }

  /** Starts `state.flow` (already validated by its definition) and returns its new nonce. */
  async start(
    communeId: string,
    zaloUserId: string,
    state: { flow: string } & Record<string, unknown>,
    ttlMs: number,
    now = new Date(),
  ): Promise<string> {
    const nonce = randomBytes(4).toString("hex");
    const data = JSON.stringify({ nonce, state });
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
