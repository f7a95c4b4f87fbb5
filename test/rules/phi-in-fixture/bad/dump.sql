-- pg_dump of clinic_prod (nightly), restored for local debugging
CREATE TABLE patients (
  id integer PRIMARY KEY,
  full_name text NOT NULL,
  ssn text,
  date_of_birth date
);
INSERT INTO patients VALUES (1, 'Gloria Esposito', '334-71-0926', '1952-10-08'); -- expect: phi-in-fixture
INSERT INTO patients (id, full_name, ssn, date_of_birth) VALUES
  (2, 'Tomás O''Neill', '451-09-3378', '1966-04-17'),
  (3, 'Test Patient', '900-00-0003', '1990-01-01');
COPY public.claims (claim_id, member_id, card_number) FROM stdin;
C-1001	BCX884201177	4539 1488 0343 6467
\.
