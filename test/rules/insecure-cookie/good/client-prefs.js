import Cookies from 'js-cookie';

export function rememberTab(tab) {
  Cookies.set('lastTab', tab);
  document.cookie = `density=compact; path=/`;
}
