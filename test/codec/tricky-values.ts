// A values file full of cases that trip YAML/JSON/TOML encoders: type-like strings,
// quoting, folding, unicode, numbers at the edges of Go's formats, empty collections.
export const trickyValues = String.raw`
strings:
  w_yes: "yes"
  no2: "no"
  w_on: "on"
  w_y: "y"
  tilde: "~"
  w_null: "null"
  empty: ""
  hex: "0x1F"
  oct: "017"
  float: "1.0"
  exp: "1e3"
  under: "1_000"
  base60: "1:20"
  time: "2002-12-14"
  notime: "2002-02-30"
  colon: "a: b"
  colon2: "a:b"
  colonend: "ab:"
  hash: "a #b"
  hash2: "a#b"
  leadhash: "#x"
  dash: "-"
  dashx: "- x"
  dashy: "-x"
  q: "?"
  qx: "? x"
  star: "*a"
  amp: "&a"
  bang: "!a"
  pct: "%a"
  at: "@a"
  tick: "` + '`' + String.raw`a"
  pipe: "|"
  gt: ">"
  brace: "{a}"
  brack: "[a]"
  comma: "a,b"
  squote: "it's"
  dquote: 'say "hi"'
  backslash: 'a\b'
  lead: " lead"
  trail: "trail "
  both: " both "
  tab: "a\tb"
  cr: "a\rb"
  nul: "a\0b"
  bell: "a\ab"
  esc: "a\eb"
  nel: "a\u0085b"
  nbsp: "a\u00a0b"
  ls: "a\u2028b"
  bom: "\ufeffx"
  emoji: "smile 😀"
  accents: "café ünïcödé"
  cjk: "日本語のテキスト"
  docstart: "---"
  docend: "..."
  docstartx: "--- x"
  html: "<a href='x'>&</a>"
  ml1: "line1\nline2"
  ml2: "line1\nline2\n"
  ml3: "line1\nline2\n\n"
  ml4: "\nleading"
  ml5: " indented\nnext"
  ml6: "trailing space \nnext"
  ml7: "a\n b"
  ml8: "a \nb\n"
  ml9: "tab\tin\nblock"
  ml10: "x\n"
  ml11: "\n"
  ml12: "a\n\n\nb"
  long1: "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat."
  long2: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
  long3: "yes this long string has words and it keeps going past the eighty column limit so it should fold somewhere"
  long4: " leading space then a long string that keeps going past the eighty column limit so it must be quoted and folded"
  long5: "double  spaces  everywhere  in  this  long  string  that  goes  past  eighty  columns  for  sure  yes  it  does"
  long6: "tab\there and a long string that keeps going past the eighty column limit so it must be double quoted and folded  ok"
  long7: "it's a long string with a quote that keeps going past the eighty column limit so it is single quoted: really"
  long8: "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\nincididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris"
numbers:
  int: 42
  neg: -7
  zero: 0
  float: 1.5
  whole: 3.0
  million: 1000000
  e6: 1e6
  e20: 1e20
  e21: 1e21
  e22: 1.5e22
  small: 0.000001
  smaller: 0.0000001
  tiny: 1.5e-10
  big: 12345678901234567890
  huge: 123456789012345678901234
  negbig: -12345678901234567890
  pi: 3.141592653589793
  third: 0.3333333333333333
  hex: 0x1F
  negzero: -0.0
bools:
  t: true
  f: false
  y: yes
  off: off
nulls:
  a: null
  b: ~
  c:
empties:
  map: {}
  list: []
  nested:
    m: {}
    l: []
    ll: [[], {}]
lists:
  plain: [a, b, c]
  mixed: [1, "two", 3.5, true, null, {k: v}, [x, y]]
  maps:
  - name: a
    value: 1
  - name: b
    sub:
      deep: [1, 2]
  nested: [[1, 2], [3, [4, 5]]]
keys:
  a10: 1
  a2: 2
  a1: 3
  B: 4
  b: 5
  _x: 6
  "1": 7
  "10": 8
  "9": 9
  "-": 10
  "a b": 11
  "a:b": 12
  "yes": 13
  "": 14
  "k\nl": 15
  "x01": 16
  "x1": 17
  "x001": 18
  "x10": 19
  "ä": 20
  "Z": 21
  "this key is a very long key that is longer than one hundred and twenty eight bytes so it cannot be a simple key in yaml ok": 22
  "0": 23
  "00": 24
  "a0": 25
  "a00b": 26
  "a01b": 27
merged:
  base: &base {x: 1, y: 2}
  child:
    <<: *base
    z: 3
`;
