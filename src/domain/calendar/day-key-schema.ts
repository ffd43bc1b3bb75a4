import { z } from "zod";
import { parseDayKey } from "./working-days.js";

/** A calendar day written YYYY-MM-DD that exists ("2027-02-30" does not). */
export const dayKeySchema = z.string().refine(
  (value) => {
    try {
      parseDayKey(value);
      return true;
    } catch {
      return false;
    }
  },
  { message: "expected a real day written YYYY-MM-DD" },
);
