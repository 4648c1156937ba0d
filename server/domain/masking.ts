// Personal data is masked by default everywhere (domain.md, 个人信息保护法 art. 28).

/** 610102199001011234 → 6101**********1234 (first 4 and last 4 kept, the rest starred). */
export function maskIdCard(idCard: string): string {
  if (idCard.length <= 8) return '*'.repeat(idCard.length);
  return idCard.slice(0, 4) + '*'.repeat(idCard.length - 8) + idCard.slice(-4);
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: the family name's first character kept (a complainant's contact name). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
