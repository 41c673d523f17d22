const formats = new Map<string, Intl.NumberFormat>();

/**
 * A price as the visitor's locale writes it ("12,90 €", "$12.90"). Without a valid currency the
 * number alone, with two decimals. Formatters are cached: building one is slow.
 */
export function formatPrice(price: unknown, currency: unknown, locale: string | undefined): string {
  if (typeof price !== 'number' || !Number.isFinite(price)) return '';
  const code =
    typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : '';
  const key = `${locale ?? ''}|${code}`;
  let format = formats.get(key);
  if (!format) {
    const options: Intl.NumberFormatOptions = code
      ? { style: 'currency', currency: code }
      : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
    try {
      format = new Intl.NumberFormat(locale, options);
    } catch {
      format = new Intl.NumberFormat(undefined, options); // an invalid locale tag
    }
    formats.set(key, format);
  }
  return format.format(price);
}
