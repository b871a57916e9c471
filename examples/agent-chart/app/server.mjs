// The agent API of the lesson's chart: /health and /api/agents, backed by PostgreSQL through
// psql (the host's client; the local node agent runs this file as a host process).
import { createServer } from 'node:http';
import { execFile } from 'node:child_process';

const port = Number(process.env.PORT || 8080);
const schemaVersion = Number(process.env.SCHEMA_VERSION || 1);
// Version 2 of the code reads the columns that the pre-upgrade migration adds.
const columns = schemaVersion >= 2 ? 'id, name, status, embedding_model, parameters' : 'id, name, status';
const listAgents = `SELECT coalesce(json_agg(a ORDER BY a.id), '[]') FROM (SELECT ${columns} FROM agents) a`;

function query(sql) {
  return new Promise((resolve, reject) => {
    execFile('psql', ['-v', 'ON_ERROR_STOP=1', '-At', '-c', sql], (err, stdout, stderr) => {
      if (err) reject(new Error(stderr.trim() || err.message));
      else resolve(stdout.trim());
    });
  });
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body) + '\n');
}

createServer(async (req, res) => {
  try {
    if (req.url === '/health') return send(res, 200, { status: 'ok', schemaVersion });
    if (req.url === '/api/agents') return send(res, 200, { agents: JSON.parse(await query(listAgents)) });
    send(res, 404, { error: 'not found' });
  } catch (err) {
    send(res, 500, { error: err.message });
  }
}).listen(port, '127.0.0.1', () => console.log(`agent API v${schemaVersion} listening on 127.0.0.1:${port}`));

process.on('SIGTERM', () => process.exit(0));
