package io.mcpplatform.server.tools.expenses;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount: an integer count of the currency's minor units (ISO 4217 digits: 2 for EUR, 0 for JPY, 3 for
 * BHD). Never a floating-point number.
 *
 * @param minor    minor units, positive
 * @param currency an ISO 4217 currency with defined minor units
 */
public record Money(long minor, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (minor <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException(currency + " has no minor unit");
        }
    }

    /** The amount as a plain decimal in major units with the currency's digits, e.g. {@code 12.50}. */
    public String decimal() {
        return decimal(BigInteger.valueOf(minor), currency);
    }

    /** Any count of minor units (e.g. a sum) as a plain decimal in major units of {@code currency}. */
    public static String decimal(BigInteger minor, Currency currency) {
        return new BigDecimal(minor, Math.max(0, currency.getDefaultFractionDigits())).toPlainString();
    }

    @Override
    public String toString() {
        return decimal() + " " + currency.getCurrencyCode();
    }
}
