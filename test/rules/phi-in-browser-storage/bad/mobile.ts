// @ts-nocheck
import AsyncStorage from '@react-native-async-storage/async-storage';
import { set } from 'idb-keyval';
import type { MedicationRequest } from 'fhir/r4';

export async function saveMedList(medications: MedicationRequest[]) {
  await AsyncStorage.setItem('meds', JSON.stringify(medications)); // expect: phi-in-browser-storage
  await set('meds', medications); // expect: phi-in-browser-storage
}
