// @ts-nocheck
import AsyncStorage from '@react-native-async-storage/async-storage';
import type { MedicationRequest } from 'fhir/r4';
import { encryptForDevice } from './device-crypto';

export async function saveMedList(medications: MedicationRequest[]) {
  await AsyncStorage.setItem('meds', await encryptForDevice(JSON.stringify(medications)));
}
