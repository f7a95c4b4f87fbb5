// @ts-nocheck
import fse from 'fs-extra';

export async function writeReport(path: string, report: object) {
  await fse.outputJson(path, report, { spaces: 2 }); // expect: phi-to-cleartext-file
}
