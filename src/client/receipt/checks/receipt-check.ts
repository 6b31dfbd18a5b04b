/**
 * One check of `receipt verify` and its outcome. A check that needs something not given (the files,
 * an operator key) is "not checked", never "verified": the verdict can only rest on what was verified.
 */
export type CheckOutcome = 'verified' | 'failed' | 'not checked';

export interface ReceiptCheck {
  what: string;
  outcome: CheckOutcome;
  detail: string;
}

/** How each check records its outcome, in the order the checks run (the order they are printed in). */
export type AddCheck = (what: string, outcome: CheckOutcome, detail: string) => void;
