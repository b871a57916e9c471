// Differential tests of the date functions and Go time formatting/parsing against
// helm, run with TZ=UTC on both sides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateFunctions } from '../../src/funcs/dates.ts';
import { timeString } from '../../src/gotime/format.ts';
import { formatDuration, parseDuration } from '../../src/funcs/duration.ts';
import { GoInteger, GoTime, type GoValue } from '../../src/govalue/types.ts';
import { helmError, helmEval, q } from './helm-eval.ts';

process.env.TZ = 'UTC';

const call = (fn: string, ...args: GoValue[]) => dateFunctions[fn].call(args);
const show = (v: GoValue) => (v instanceof GoTime ? timeString(v) : String(v));

const layouts = [
  '2006-01-02T15:04:05Z07:00', '2006-01-02 15:04:05.999999999 -0700 MST', 'Mon Jan _2 15:04:05 MST 2006',
  'Monday, 02-Jan-06 15:04:05 MST', '3:04PM', '03:04:05 pm', 'January 2, 2006', '__2 002 Z0700 Z07 -07 -070000 -07:00:00',
  '2006-01-02T15:04:05.000Z', '15:04:05,000000', '.9 .99 ,999', '1/2/06', 'Jan Janx January Month Mon Monday MST',
  '_2006 2006_2 x05y', '', 'no elements here',
];
const instants = [0n, 1700000000n, -86400n * 365n * 40n, 951782400n, 4102444800n + 3600n * 5n];
const zones = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Sao_Paulo',
  'Asia/Kathmandu', 'Nope/Zone', '', 'Local', 'Etc/GMT+5'];

test('dateInZone formats layouts across zones as helm does', () => {
  const calls: [string, bigint, string][] = [];
  for (const layout of layouts) for (const t of instants) calls.push([layout, t, 'Europe/Berlin']);
  for (const zone of zones) for (const t of instants) calls.push(['2006-01-02 15:04:05 MST -07:00 Mon', t, zone]);
  for (const t of [1711846799n, 1711846800n, 1729990799n, 1729990800n, 2531862000n, 2550006000n]) {
    calls.push(['2006-01-02 15:04:05 MST', t, 'Europe/Berlin'], ['2006-01-02 15:04:05 MST', t, 'America/New_York']);
  }
  const expected = helmEval(calls.map(([l, t, z]) => `{{ dateInZone ${q(l)} ${t} ${q(z)} }}`));
  calls.forEach(([l, t, z], i) => assert.equal(call('dateInZone', l, t, z), expected[i], `${l} @${t} in ${z}`));
});

test('date, htmlDate and htmlDateInZone take int seconds and times', () => {
  const snippets = [
    '{{ date "2006-01-02 15:04" 1700000000 }}', '{{ htmlDate 1700000000 }}', '{{ htmlDateInZone 1700000000 "Asia/Tokyo" }}',
    '{{ date "2006" (toDate "2006-01-02" "1999-12-31") }}', '{{ date_in_zone "15:04 MST" 0 "America/Los_Angeles" }}',
  ];
  const ours = [
    call('date', '2006-01-02 15:04', 1700000000n), call('htmlDate', 1700000000n), call('htmlDateInZone', 1700000000n, 'Asia/Tokyo'),
    call('date', '2006', call('toDate', '2006-01-02', '1999-12-31')), call('date_in_zone', '15:04 MST', 0n, 'America/Los_Angeles'),
  ];
  assert.deepEqual(ours.map(show), helmEval(snippets));
});

const parseCases: [string, string][] = [
  ['2006-01-02', '2024-02-03'], ['2006-01-02', '2024-02-30'], ['2006-01-02', '2023-02-29'], ['2006-01-02', '2024-2-3'],
  ['2006-01-02T15:04:05Z07:00', '2024-02-03T10:00:00+05:30'], ['2006-01-02T15:04:05Z07:00', '2024-02-03T10:00:00Z'],
  ['2006-01-02T15:04:05Z07:00', '2024-02-03T10:00:00.123456789Z'], ['2006-01-02 15:04:05', '2024-02-03 10:00:00.5'],
  ['2006-01-02 15:04:05 MST', '2024-07-03 10:00:00 CEST'], ['2006-01-02 15:04:05 MST', '2024-07-03 10:00:00 UTC'],
  ['2006-01-02 15:04:05 MST', '2024-07-03 10:00:00 GMT+3'], ['2006-01-02 15:04:05 -0700', '2024-07-03 10:00:00 -0000'],
  ['Jan _2 2006 3:04PM', 'feb  3 2024 1:05am'], ['Jan _2 2006 3:04PM', 'Feb 3 2024 12:05PM'], ['02/01/06', '31/12/68'],
  ['02/01/06', '31/12/69'], ['2006 002', '2024 060'], ['2006 002', '2023 366'], ['15:04', '25:00'], ['15:04', '10:61'],
  ['2006-01-02', '2024-02-03 extra'], ['2006-01-02', 'garbage'], ['Monday 2006', 'Friday 2024'], ['.000', '.12'],
  ['2006-01-02T15:04:05.000Z07:00', '2024-02-03T10:00:00.120+01:00'], ['January 2006', 'march 2020'],
  ['2006-01-02 -07:00:00', '2024-01-01 +01:30:15'], ['2006-01-02 Z07', '2024-01-01 -03'],
];

test('toDate and mustToDate parse as helm does, including the errors', () => {
  const ok: [string, string][] = [];
  for (const [layout, value] of parseCases) {
    let failed = false;
    try {
      call('mustToDate', layout, value);
    } catch {
      failed = true;
    }
    if (!failed) ok.push([layout, value]);
    const helmFailure = helmError(`{{ mustToDate ${q(layout)} ${q(value)} }}`);
    assert.equal(failed, helmFailure !== undefined, `${layout} / ${value}: helm ${helmFailure ?? 'accepted it'}`);
    if (helmFailure) {
      assert.throws(() => call('mustToDate', layout, value), (err: Error) =>
        helmFailure.includes(`error calling mustToDate: ${err.message}`) || assert.fail(`helm: ${helmFailure}\nours: ${err.message}`));
    }
  }
  const all = parseCases.map(([l, v]) => `{{ toDate ${q(l)} ${q(v)} }}|{{ toDate ${q(l)} ${q(v)} | unixEpoch }}`);
  const expected = helmEval(all);
  parseCases.forEach(([l, v], i) => {
    const t = call('toDate', l, v);
    assert.equal(`${show(t)}|${call('unixEpoch', t)}`, expected[i], `${l} / ${v}`);
  });
});

test('durations print and parse like Go', () => {
  const durations = ['0', '1ns', '1.5us', '999µs', '1.000001ms', '1s', '61s', '3600s', '90m', '1.5h', '-2h3m4.000000005s',
    '2562047h47m16.854775807s', '.5s', '1h1ns', '+3m', '5d', '', 's', '1.s', '-0', '9223372036854775808ns', '0.333333333333s'];
  const snippets = durations.map((d) => `{{ dateModify ${q(d)} (toDate "2006" "2000") | unixEpoch }}|{{ durationRound ${q(d)} }}`);
  const expected = helmEval(snippets);
  const base = call('toDate', '2006', '2000');
  durations.forEach((d, i) => {
    assert.equal(`${call('unixEpoch', call('dateModify', d, base))}|${call('durationRound', d)}`, expected[i], d);
  });
  const seconds = ['0', '1', '59', '61', '3600', '3661', '86400', '-90', '1000000', 'x', '1.5'];
  const helmSeconds = helmEval(seconds.map((s) => `{{ duration ${q(s)} }}`));
  seconds.forEach((s, i) => assert.equal(call('duration', s), helmSeconds[i], `duration ${s}`));
  assert.deepEqual(helmEval(['{{ duration 90 }}']), [call('duration', 90n)]);
  assert.equal(call('duration', new GoInteger('int64', 90n)), '1m30s');
  assert.equal(formatDuration(parseDuration('1h2m3.5s')), '1h2m3.5s');
  for (const bad of ['', '5d', 's']) {
    const helm = helmError(`{{ mustDateModify ${q(bad)} now }}`);
    assert.throws(() => call('mustDateModify', bad, call('now')), (err: Error) =>
      (helm ?? '').includes(`error calling mustDateModify: ${err.message}`) || assert.fail(`helm: ${helm}\nours: ${err.message}`));
  }
});

test('now and ago track the wall clock', () => {
  // Ours is read just before and just after helm runs, so helm's reading lies between them
  // however long helm takes to start on a loaded machine.
  const ourNow = () => Number(call('unixEpoch', call('now')));
  const nowBefore = ourNow();
  const [helmNow] = helmEval(['{{ now | unixEpoch }}']);
  const nowAfter = ourNow();
  assert.ok(nowBefore <= Number(helmNow) && Number(helmNow) <= nowAfter, `helm's now ${helmNow} is not within ours, ${nowBefore} to ${nowAfter}`);
  const past = call('toDate', '2006-01-02', '2020-01-01');
  const toSeconds = (s: string) => parseDuration(s) / 1_000_000_000n;
  const ourAgo = () => toSeconds(call('ago', past) as string);
  const agoBefore = ourAgo();
  const [helmAgo] = helmEval(['{{ ago (toDate "2006-01-02" "2020-01-01") }}']);
  const agoAfter = ourAgo();
  assert.ok(agoBefore <= toSeconds(helmAgo) && toSeconds(helmAgo) <= agoAfter, `helm's ago ${helmAgo} is not within ours, ${agoBefore} s to ${agoAfter} s`);
  assert.match(call('durationRound', past) as string, /^\d+y$/);
});

test('the Local zone follows TZ, including parsing inside DST gaps and overlaps', () => {
  const zones = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata'];
  const snippets = [
    '{{ date "2006-01-02 15:04:05 MST" 1710054000 }}', '{{ now | date "MST" | len }}',
    '{{ toDate "2006-01-02 15:04" "2024-03-10 02:30" }}', '{{ toDate "2006-01-02 15:04" "2024-11-03 01:30" }}',
    '{{ toDate "2006-01-02 15:04" "2024-03-31 02:30" }}', '{{ toDate "2006-01-02 15:04" "2024-10-27 02:30" }}',
    '{{ toDate "2006-01-02 15:04 MST" "2024-07-01 12:00 EDT" }}', '{{ toDate "2006-01-02 15:04 MST" "2024-07-01 12:00 CEST" }}',
    '{{ toDate "2006-01-02 15:04 -0700" "2024-07-01 12:00 +0200" }}', '{{ toDate "2006-01-02 15:04 -0700" "2024-07-01 12:00 +0530" }}',
  ];
  const saved = process.env.TZ;
  try {
    for (const zone of zones) {
      const expected = helmEval(snippets, zone);
      process.env.TZ = zone;
      const ours = [
        call('date', '2006-01-02 15:04:05 MST', 1710054000n), String((call('date', 'MST', call('now')) as string).length),
        ...[['2024-03-10 02:30'], ['2024-11-03 01:30'], ['2024-03-31 02:30'], ['2024-10-27 02:30']].map(([v]) => call('toDate', '2006-01-02 15:04', v)),
        call('toDate', '2006-01-02 15:04 MST', '2024-07-01 12:00 EDT'), call('toDate', '2006-01-02 15:04 MST', '2024-07-01 12:00 CEST'),
        call('toDate', '2006-01-02 15:04 -0700', '2024-07-01 12:00 +0200'), call('toDate', '2006-01-02 15:04 -0700', '2024-07-01 12:00 +0530'),
      ].map(show);
      assert.deepEqual(ours, expected, zone);
    }
  } finally {
    process.env.TZ = saved;
  }
});
