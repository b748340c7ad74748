/**
 * Deterministic generator of a Chinese source and an English machine translation that reads like
 * news/government MT: mostly plain sentences, with the calques MT typically produces mixed into
 * about a quarter of them, numbers that agree with the source, and paragraphs of 3–7 sentences.
 * Nothing is downloaded; the same seed always gives the same text.
 */

type Pair = readonly [zh: string, en: string];

/** A small fast PRNG (mulberry32): deterministic across machines and Node versions. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS: Pair[] = [
  ['该公司', 'The company'], ['市政府', 'The city government'], ['这家银行', 'The bank'],
  ['研究团队', 'The research team'], ['当地企业', 'Local enterprises'], ['两国', 'The two countries'],
  ['该平台', 'The platform'], ['省教育厅', 'The provincial education department'], ['这所大学', 'The university'],
  ['制造商', 'Manufacturers'], ['监管机构', 'Regulators'], ['村民', 'The villagers'], ['物流企业', 'Logistics firms'],
  ['医院', 'The hospital'], ['投资者', 'Investors'], ['出口商', 'Exporters'], ['新能源车企', 'Electric carmakers'],
];

const PLAIN_PREDICATES: Pair[] = [
  ['发布了新的年度报告', 'published its new annual report'], ['扩大了生产规模', 'expanded production'],
  ['调整了价格', 'adjusted its prices'], ['开设了两家新工厂', 'opened two new factories'],
  ['签署了一项供货协议', 'signed a supply agreement'], ['推迟了上市计划', 'postponed its listing plans'],
  ['招聘了更多工程师', 'hired more engineers'], ['降低了运营成本', 'cut its operating costs'],
  ['更新了服务条款', 'updated its terms of service'], ['完成了第一阶段测试', 'finished the first phase of testing'],
  ['收到了大量投诉', 'received a large number of complaints'], ['宣布了新的分红方案', 'announced a new dividend plan'],
  ['改进了检测方法', 'improved its testing methods'], ['关闭了一条老旧生产线', 'closed an old production line'],
];

const CALQUE_PREDICATES: Pair[] = [
  ['加强相互合作', 'will strengthen mutual cooperation'], ['进一步加大投资力度', 'will further increase the intensity of investment'],
  ['为经济发展作出新的贡献', 'made new contributions to economic development'],
  ['大力推进基础设施建设', 'vigorously promoted the construction of infrastructure'],
  ['充分发挥带头作用', 'gave full play to its leading role'], ['提升服务水平', 'improved the level of service'],
  ['认真学习会议精神', 'carefully studied the spirit of the meeting'], ['落实主体责任', 'implemented its main responsibility'],
  ['取得了长足发展', 'obtained great development'], ['做好防控工作', 'did a good job in prevention work'],
  ['赋能中小企业', 'empowered small and medium enterprises'], ['推动项目落地', 'made the project land'],
  ['维护消费者合法权益', 'protected the legitimate rights and interests of consumers'],
  ['引进高端人才', 'introduced high-end talents'], ['增强群众的获得感', 'enhanced the sense of gain of the masses'],
];

const ADJUNCTS: Pair[] = [
  ['', ''], ['', ''], ['', ''], ['今年', 'this year'], ['去年', 'last year'], ['在上海', 'in Shanghai'],
  ['在过去三个月里', 'over the past three months'], ['根据官方数据', 'according to official data'],
  ['在新形势下', 'under the new situation'], ['随着经济的快速发展', 'with the rapid development of the economy'],
  ['在疫情期间', 'during the epidemic'], ['在这方面', 'in this aspect'],
];

const NUMBER_CLAUSES: ((n: number, m: number) => Pair)[] = [
  (n) => [`，收入增长了${n}%`, `, and revenue grew by ${n}%`],
  (n, m) => [`，共涉及${n * 10 + m}家企业`, `, involving ${n * 10 + m} enterprises in total`],
  (n) => [`，投资${n}.5亿元`, `, with an investment of ${n}.5 hundred million yuan`],
  (n, m) => [`，${2000 + m}年完成`, `, to be completed in ${2000 + m}`],
];

const OPENERS: Pair[] = [
  ['', ''], ['', ''], ['', ''], ['据悉，', 'It is learned that '], ['众所周知，', 'It is known to all that '],
  ['据统计，', 'According to statistics, '], ['与此同时，', 'At the same time, '], ['此外，', 'In addition, '],
];

const TAILS: Pair[] = [
  ['', ''], ['', ''], ['，并计划明年进一步扩大规模', ', and plans to expand further next year'],
  ['，受到了广泛关注', ', which attracted wide attention'], ['，相关部门表示欢迎', ', and the relevant departments welcomed it'],
  ['，但仍面临不少挑战', ', but still faces many challenges'], ['，效果十分明显', ', and the effect was very obvious'],
];

export interface Corpus {
  /** Sentences of the MT, in order. */
  en: string[];
  /** The aligned Chinese source of each sentence. */
  zh: string[];
  /** Index of the first sentence of each paragraph. */
  paragraphStarts: number[];
  /** Whole texts: sentences joined by a space (English) or nothing (Chinese), paragraphs by a blank line. */
  enText: string;
  zhText: string;
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

function sentence(r: () => number): Pair {
  const opener = pick(r, OPENERS);
  const subject = pick(r, SUBJECTS);
  const predicate = r() < 0.25 ? pick(r, CALQUE_PREDICATES) : pick(r, PLAIN_PREDICATES);
  const adjunct = pick(r, ADJUNCTS);
  const number = r() < 0.4 ? pick(r, NUMBER_CLAUSES)(2 + Math.floor(r() * 60), Math.floor(r() * 25)) : (['', ''] as Pair);
  const tail = pick(r, TAILS);
  const subjectEn = opener[1] ? subject[1].charAt(0).toLowerCase() + subject[1].slice(1) : subject[1];
  const zh = `${opener[0]}${subject[0]}${adjunct[0]}${predicate[0]}${number[0]}${tail[0]}。`;
  const en = `${opener[1]}${subjectEn} ${predicate[1]}${adjunct[1] ? ' ' + adjunct[1] : ''}${number[1]}${tail[1]}.`;
  return [zh, en.charAt(0).toUpperCase() + en.slice(1)];
}

/** Generates `sentences` sentence pairs (default seed 7). */
export function generateCorpus(sentences: number, seed = 7): Corpus {
  const r = rng(seed);
  const pairs: Pair[] = [];
  const paragraphStarts: number[] = [];
  while (pairs.length < sentences) {
    paragraphStarts.push(pairs.length);
    const size = Math.min(3 + Math.floor(r() * 5), sentences - pairs.length);
    for (let k = 0; k < size; k++) pairs.push(sentence(r));
  }
  const ends = [...paragraphStarts.slice(1), pairs.length];
  const join = (side: 0 | 1, separator: string) =>
    paragraphStarts.map((start, p) => pairs.slice(start, ends[p]).map((pair) => pair[side]).join(separator)).join('\n\n') + '\n';
  const enText = join(1, ' ');
  const zhText = join(0, '');
  // Sentences are cut out of the whole texts, as an import cuts segments out of a document: the
  // strings the checks get are flat, not the chains of pieces that concatenation builds.
  return { en: slices(enText, pairs.map((p) => p[1]), ' '), zh: slices(zhText, pairs.map((p) => p[0]), ''), paragraphStarts, enText, zhText };
}

/** Each of `parts` as a slice of `text`, where they occur in order separated by `separator` or a blank line. */
function slices(text: string, parts: string[], separator: string): string[] {
  let at = 0;
  return parts.map((part) => {
    const start = text.indexOf(part, at);
    if (start < 0) throw new Error('generateCorpus: a sentence is missing from the joined text');
    at = start + part.length + separator.length;
    return text.slice(start, start + part.length);
  });
}

export function mb(text: string): number {
  return Buffer.byteLength(text, 'utf8') / 1e6;
}
