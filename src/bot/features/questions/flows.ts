import { z } from "zod";
import { defineFlow } from "../../conversation/flow.js";

/** Several procedures fit the question: which one? The question waits with the choice. */
export const chooseProcedure = defineFlow("choose_procedure", {
  codes: z.array(z.string()).min(1),
  aspects: z.array(z.string()),
  question: z.string(),
});

/** The procedure a citizen was just told about, for follow-up questions ("còn lệ phí?"). */
export const procedureContext = defineFlow("procedure_context", {
  code: z.string(),
  question: z.string().optional(),
});
