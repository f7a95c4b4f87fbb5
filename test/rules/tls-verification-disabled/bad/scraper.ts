// @ts-nocheck
import puppeteer from 'puppeteer';
import request from 'request';

export async function downloadEob(url: string) {
  const browser = await puppeteer.launch({ ignoreHTTPSErrors: true }); // expect: tls-verification-disabled
  request.get({ url, strictSSL: false }); // expect: tls-verification-disabled
  return browser;
}
