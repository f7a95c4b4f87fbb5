/** The part of hl7-standard (CommonJS, untyped) the HL7 reader uses. */
declare module 'hl7-standard' {
  /** A field: a string, components keyed `PID.5.1`…, or repetitions of either. */
  export type Hl7Field = string | Hl7Components | (Hl7Components | string)[];
  export type Hl7Components = Record<string, string | string[]>;
  export interface Hl7Segment {
    type: string;
    /** Position among the message's segments. */
    index: number;
    data: Record<string, Hl7Field>;
  }
  export default class HL7 {
    constructor(data: string, opts?: { lineEndings?: string });
    transform(cb?: (err: Error | null) => void): void;
    getSegments(name?: string): Hl7Segment[];
  }
}
