// Check characters of 统一社会信用代码 (GB 32100-2015) and 公民身份号码 (GB 11643-1999), so
// fixtures can be built from readable prefixes and tests can derive deliberately wrong codes.
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CNID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CNID_MAP = '10X98765432';

export function usccCheckChar(first17) {
  if (first17.length !== 17) throw new Error('USCC prefix must have 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]);
    if (v < 0) throw new Error(`not a USCC character: ${first17[i]}`);
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

export const uscc = (first17) => first17 + usccCheckChar(first17);
export const usccValid = (s) => typeof s === 'string' && s.length === 18 && usccCheckChar(s.slice(0, 17)) === s[17];

/** The same code with a wrong (but well-formed) check character. */
export function usccWrongCheck(code) {
  const right = code[17];
  const wrong = [...USCC_CHARSET].find((c) => c !== right);
  return code.slice(0, 17) + wrong;
}

export function cnidCheckChar(first17) {
  if (!/^\d{17}$/.test(first17)) throw new Error('citizen ID prefix must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * CNID_WEIGHTS[i];
  return CNID_MAP[sum % 11];
}

export const cnid = (first17) => first17 + cnidCheckChar(first17);
export const cnidValid = (s) => typeof s === 'string' && s.length === 18 && cnidCheckChar(s.slice(0, 17)) === s[17];

export function cnidWrongCheck(id) {
  const right = id[17];
  const wrong = [...CNID_MAP].find((c) => c !== right);
  return id.slice(0, 17) + wrong;
}
