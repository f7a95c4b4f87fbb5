import Cookies from 'js-cookie';

export function rememberPatient(patientName, memberId) {
  document.cookie = `patientName=${patientName}; path=/`; // expect: phi-in-browser-storage
  Cookies.set('member', memberId, { secure: true }); // expect: phi-in-browser-storage
}
