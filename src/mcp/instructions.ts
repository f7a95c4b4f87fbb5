/** Sent to the agent once, at initialisation: what caregate is and how to act on what it says. */
export const INSTRUCTIONS = `caregate is a PHI-aware static analyzer for healthcare software, with a tamper-evident audit ledger.

Use scan_code on code you are about to write or change (pass code plus a file name whose extension decides the language, e.g. app.py, server.ts, main.tf, patients.csv) or on a file or folder of the workspace (path). It finds protected health information (PHI) reaching logs, analytics, error trackers, LLM prompts, third-party HTTP, URLs and browser storage; PHI routes without authentication; insecure transport, crypto and secrets; insecure Terraform, Kubernetes, Docker, nginx/Apache configuration; and data files holding real-looking identifiers.

Reading a finding: SEVERITY rule-id file:line: message, then Fix: one line on what to change. Severity is critical, high, medium or low; fix critical and high first. Each finding carries the HIPAA 45 CFR citation it bears on (e.g. 164.312(b) audit controls) and CWE ids. Messages are already masked: identifiers appear as ***; never try to recover or repeat the underlying values. A finding marked [suppressed] was reviewed by a person and carries a caregate-ignore reason; leave it alone.

To resolve a finding, change the data flow (log an opaque id instead of the patient record, redact before sending, add authentication) rather than renaming variables to hide it, then scan again. Add a caregate-ignore comment only when a person confirms the finding is safe, with their reason.

explain_rule gives a rule's rationale, HIPAA citations, fix and a bad and good example. hipaa_control explains a citation and lists the rules that check it. ledger_query reads recorded events (scans, agent edits, gate decisions, approvals), masked.`;
