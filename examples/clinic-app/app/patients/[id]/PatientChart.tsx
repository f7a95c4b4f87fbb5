'use client';

import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { AnalyticsBrowser } from '@segment/analytics-next';

const analytics = AnalyticsBrowser.load({ writeKey: process.env.NEXT_PUBLIC_SEGMENT_WRITE_KEY ?? '' });

interface ChartPatient {
  id: string;
  name: string;
  birthDate?: string;
  gender?: string;
  mrn: string;
  phone?: string;
}

type Tab = 'summary' | 'vitals' | 'messages';

export function PatientChart({ patientId }: { patientId: string }) {
  const router = useRouter();
  const [patient, setPatient] = useState<ChartPatient | null>(null);
  const [tab, setTab] = useState<Tab>('summary');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/patients/${encodeURIComponent(patientId)}`, { signal: controller.signal, cache: 'no-store' })
      .then(async (res) => {
        if (!res.ok) throw new Error(res.status === 404 ? 'Patient not found' : 'Could not load the chart');
        const data = (await res.json()) as ChartPatient;
        setPatient(data);
        // "Recently viewed" list on the home screen.
        localStorage.setItem('recentPatient', JSON.stringify(data));
      })
      .catch((err: Error) => {
        if (err.name !== 'AbortError') setError(err.message);
      });
    return () => controller.abort();
  }, [patientId]);

  useEffect(() => {
    // Remember the open tab across reloads; the tab name is not patient data.
    sessionStorage.setItem('chart.activeTab', tab);
    void analytics.track('Chart Tab Viewed', { tab });
  }, [tab]);

  function findDuplicates() {
    if (!patient) return;
    router.push(`/patients/search?name=${encodeURIComponent(patient.name)}&dob=${patient.birthDate ?? ''}`);
  }

  if (error) return <p className="text-sm text-rose-700">{error}</p>;
  if (!patient) return <p className="text-sm text-slate-500">Loading chart…</p>;

  return (
    <section className="space-y-4">
      <header className="flex items-baseline justify-between border-b border-slate-200 pb-2">
        <div>
          <h1 className="text-xl font-semibold">{patient.name}</h1>
          <p className="text-sm text-slate-500">
            {patient.gender ?? 'unknown'} · born {patient.birthDate ?? 'unknown'} · MRN {patient.mrn}
          </p>
        </div>
        <button type="button" className="text-sm text-sky-700 underline" onClick={findDuplicates}>
          Find possible duplicates
        </button>
      </header>
      <nav className="flex gap-3 text-sm" aria-label="Chart sections">
        {(['summary', 'vitals', 'messages'] as const).map((t) => (
          <button key={t} type="button" aria-pressed={tab === t} onClick={() => setTab(t)} className={tab === t ? 'font-semibold' : ''}>
            {t}
          </button>
        ))}
      </nav>
      {tab === 'summary' ? (
        <dl className="grid grid-cols-2 gap-2 text-sm">
          <dt className="text-slate-500">Phone</dt>
          <dd>{patient.phone ?? '—'}</dd>
          <dt className="text-slate-500">Chart id</dt>
          <dd className="font-mono">{patient.id}</dd>
        </dl>
      ) : (
        <p className="text-sm text-slate-500">Open the {tab} panel to load data.</p>
      )}
    </section>
  );
}
