// @ts-nocheck
import mysql from 'mysql2/promise';

const conn = await mysql.createConnection({ uri: process.env.MYSQL_URL });

export async function countByCode(code: string) {
  const [rows] = await conn.execute(`SELECT COUNT(*) AS n FROM claims WHERE icd10 LIKE '${code}%'`); // expect: sql-injection
  return rows;
}
