'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';

interface IntakeFields {
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  phone: string;
}

const EMPTY: IntakeFields = { mrn: '', givenName: '', familyName: '', birthDate: '', phone: '' };
const STEP_KEY = 'intake.step';

/**
 * Front-desk registration form. Field values stay in React state only; the browser keeps just
 * the step number so a reload returns to the same page of the form.
 */
export function IntakeForm() {
  const router = useRouter();
  const [fields, setFields] = useState<IntakeFields>(EMPTY);
  const [step, setStep] = useState(1);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const saved = Number(sessionStorage.getItem(STEP_KEY) ?? '1');
    if (saved === 1 || saved === 2) setStep(saved);
  }, []);

  useEffect(() => {
    sessionStorage.setItem(STEP_KEY, String(step));
  }, [step]);

  function update<K extends keyof IntakeFields>(key: K, value: IntakeFields[K]) {
    setFields((f) => ({ ...f, [key]: value }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const res = await fetch('/api/patients', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'include',
        body: JSON.stringify(fields),
      });
      if (res.status === 409) throw new Error('This MRN is already registered. Check the number and try again.');
      if (!res.ok) throw new Error('Registration failed. Please try again.');
      const { id } = (await res.json()) as { id: string };
      sessionStorage.removeItem(STEP_KEY);
      setFields(EMPTY);
      router.push(`/patients/${encodeURIComponent(id)}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Registration failed.');
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="max-w-md space-y-3" autoComplete="off">
      {step === 1 ? (
        <>
          <label className="block text-sm">
            Given name
            <input className="mt-1 w-full rounded border px-2 py-1" value={fields.givenName} onChange={(e) => update('givenName', e.target.value)} placeholder="Test" required />
          </label>
          <label className="block text-sm">
            Family name
            <input className="mt-1 w-full rounded border px-2 py-1" value={fields.familyName} onChange={(e) => update('familyName', e.target.value)} placeholder="Patient" required />
          </label>
          <label className="block text-sm">
            Date of birth
            <input type="date" className="mt-1 w-full rounded border px-2 py-1" value={fields.birthDate} onChange={(e) => update('birthDate', e.target.value)} required />
          </label>
          <button type="button" className="rounded bg-sky-700 px-3 py-1.5 text-white" onClick={() => setStep(2)}>
            Next
          </button>
        </>
      ) : (
        <>
          <label className="block text-sm">
            MRN
            <input className="mt-1 w-full rounded border px-2 py-1" value={fields.mrn} onChange={(e) => update('mrn', e.target.value)} placeholder="MRN-000123" required />
          </label>
          <label className="block text-sm">
            Mobile phone
            <input type="tel" className="mt-1 w-full rounded border px-2 py-1" value={fields.phone} onChange={(e) => update('phone', e.target.value)} placeholder="555-0134" />
          </label>
          {error ? <p className="text-sm text-rose-700">{error}</p> : null}
          <div className="flex gap-2">
            <button type="button" className="rounded border px-3 py-1.5" onClick={() => setStep(1)}>
              Back
            </button>
            <button type="submit" className="rounded bg-sky-700 px-3 py-1.5 text-white" disabled={saving}>
              {saving ? 'Saving…' : 'Register patient'}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
