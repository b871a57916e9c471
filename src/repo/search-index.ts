// `search repo`'s matching as helm's search package: one line per chart version
// (name, repo/name, description, keywords separated by \v), a literal (case-insensitive) or
// RE2 match, scored by which field matched, sorted by score, name, newest version first.
import { RE2JS } from 're2js';
import { SemverVersion } from '../funcs/semver.ts';
import type { ChartVersion, IndexFile } from './index-file.ts';

export interface SearchResult {
  name: string;
  score: number;
  chart: ChartVersion;
}

const SEP = '\v';
/** Matches past this many fields (the keywords) do not count. */
export const SEARCH_MAX_SCORE = 25;

interface Line {
  name: string;
  text: string;
  chart: ChartVersion;
}

export class SearchIndex {
  private readonly lines = new Map<string, Line>();

  /** Adds every version of every chart of repository `repoName` (helm's AddRepo with all=true). */
  addRepo(repoName: string, index: IndexFile): void {
    for (const [name, versions] of index.entries) {
      const full = `${repoName}/${name}`;
      for (const v of versions) {
        const md = v.metadata;
        const text = [md.name, `${repoName}/${md.name}`, md.description, md.keywords.join(' ')].join(SEP);
        this.lines.set(`${full}$$${md.version}`, { name: full, text, chart: v });
      }
    }
  }

  all(): SearchResult[] {
    return [...this.lines.values()].map((l) => ({ name: l.name, score: 0, chart: l.chart }));
  }

  search(term: string, useRegexp: boolean): SearchResult[] {
    const out: SearchResult[] = [];
    const matcher = useRegexp ? RE2JS.compile(term) : undefined;
    const lower = term.toLowerCase();
    for (const l of this.lines.values()) {
      let at = -1;
      if (matcher) {
        const m = matcher.matcher(l.text);
        if (m.find()) at = m.start();
      } else {
        at = l.text.toLowerCase().indexOf(lower);
      }
      if (at < 0) continue;
      const score = fieldIndex(l.text, at);
      if (score < SEARCH_MAX_SCORE) out.push({ name: l.name, score, chart: l.chart });
    }
    return out;
  }
}

// How many separators come before position `at`: 0 for the chart name, 1 for repo/name...
function fieldIndex(text: string, at: number): number {
  let n = 0;
  for (let i = text.indexOf(SEP); i >= 0 && i < at; i = text.indexOf(SEP, i + 1)) n++;
  return n;
}

/** Score, then name, then newest version first (helm's SortScore). */
export function sortResults(results: SearchResult[]): void {
  results.sort((a, b) => {
    if (a.score !== b.score) return a.score - b.score;
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    const [va, vb] = [SemverVersion.tryParse(a.chart.metadata.version), SemverVersion.tryParse(b.chart.metadata.version)];
    return va && vb ? vb.compare(va) : 0;
  });
}
