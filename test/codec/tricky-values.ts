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
plainScalars:
  p0: 0x1F
  p1: 1_0
  p2: +.5
  p3: 1e+3
  p4: 0o7
  p5: -0b11
  p6: 0.
  p7: 1:2
  p8: 1__0
  p9: 0x_1
  p10: 1e
  p11: .e1
  p12: +1
  p13: --1
  p14: 1.2.3
  p15: 0777
  p16: 09
  p17: 9223372036854775807
  p18: 9223372036854775808
  p19: 18446744073709551616
  p20: -9223372036854775808
  p21: -9223372036854775809
  p22: 0b
  p23: 0x
  p24: 0o
  p25: +0x10
  p26: 0B11
  p27: 0X1f
  p28: 0O17
  p29: 1E5
  p30: 1.5E-3
  p31: _1
  p32: 1_
  p33: .5_5
  p34: 0.0
  p35: -0
  p36: -0.0
  p37: +0
  p38: 00
  p39: 0_7
  p40: 1_000.5
  p41: Yes
  p42: yES
  p43: oN
  p44: On
  p45: NULL
  p46: nULL
  p47: True
  p48: tRUE
  p49: 2001-12-14
  p50: 2001-12-14 21:59:43.10
  p51: 12:30:45
  p52: 1:30
  p53: -1:30
  p54: 1:30.5
  p55: 190:20:30.15
  p56: 0x1p3
  p57: 1e-400
  p58: +
  p59: .
  p60: ..
  p61: ...x
  p62: 1.e3
  p63: 1e3.5
quotedScalars:
  q0: "0x1F"
  q1: "1_0"
  q2: "+.5"
  q3: "1e+3"
  q4: "0o7"
  q5: "-0b11"
  q6: "0."
  q7: "1:2"
  q8: "1__0"
  q9: "0x_1"
  q10: "1e"
  q11: ".e1"
  q12: "+1"
  q13: "--1"
  q14: "1.2.3"
  q15: "0777"
  q16: "09"
  q17: "9223372036854775807"
  q18: "9223372036854775808"
  q19: "18446744073709551616"
  q20: "-9223372036854775808"
  q21: "-9223372036854775809"
  q22: "0b"
  q23: "0x"
  q24: "0o"
  q25: "+0x10"
  q26: "0B11"
  q27: "0X1f"
  q28: "0O17"
  q29: "1E5"
  q30: "1.5E-3"
  q31: "_1"
  q32: "1_"
  q33: ".5_5"
  q34: "0.0"
  q35: "-0"
  q36: "-0.0"
  q37: "+0"
  q38: "00"
  q39: "0_7"
  q40: "1_000.5"
  q41: "Yes"
  q42: "yES"
  q43: "oN"
  q44: "On"
  q45: "NULL"
  q46: "nULL"
  q47: "True"
  q48: "tRUE"
  q49: "2001-12-14"
  q50: "2001-12-14 21:59:43.10"
  q51: "12:30:45"
  q52: "1:30"
  q53: "-1:30"
  q54: "1:30.5"
  q55: "190:20:30.15"
  q56: "0x1p3"
  q57: "1e-400"
  q58: "+"
  q59: "."
  q60: ".."
  q61: "...x"
  q62: "1.e3"
  q63: "1e3.5"
merged:
  base: &base {x: 1, y: 2}
  child:
    <<: *base
    z: 3
`;
