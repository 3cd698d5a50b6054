// Store amounts are decimal strings ("12.50"); sums and limits are counted in hundredths so no float rounding creeps in.
// (Shop currencies with three decimals are rounded to two: Sidedesk only compares and displays them.)

export const toCents = (amount: string | number): number => Math.round(Number(amount) * 100);
export const fromCents = (cents: number): string => (cents / 100).toFixed(2);
export const sumAmounts = (amounts: (string | number)[]): string => fromCents(amounts.reduce<number>((sum, a) => sum + toCents(a), 0));
