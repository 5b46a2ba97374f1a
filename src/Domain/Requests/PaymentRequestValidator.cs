using Payments.Domain.Money;

namespace Payments.Domain.Requests;

/// <summary>Checks a request against the ledger's rules and reports every broken rule at once.</summary>
public static class PaymentRequestValidator
{
    public static IReadOnlyList<FieldError> Validate(PaymentRequest request, out ValidPaymentRequest? valid)
    {
        if (request is { AmountText: not null, Amount: not null })
        {
            throw new ArgumentException("A request carries its amount as text or as a decimal, not both.", nameof(request));
        }

        var errors = new List<FieldError>();
        var currency = CheckCurrency(request.Currency, errors);
        var amount = ReadAmount(request, errors);
        CheckAmount(amount, currency, errors);
        AddIfPresent(errors, AccountReference.Check("source_account", request.SourceAccount, out var source));
        AddIfPresent(errors, AccountReference.Check("destination_account", request.DestinationAccount, out var destination));
        if (source is not null && string.Equals(source, destination, StringComparison.Ordinal))
        {
            errors.Add(new FieldError("destination_account", "same_as_source", "destination_account must differ from source_account"));
        }

        valid = errors.Count == 0
            ? new ValidPaymentRequest(amount!.Value, currency!, source!, destination!)
            : null;
        return errors;
    }

    /// <summary>The exact amount; null when missing, or when its text was refused (that error is already reported).</summary>
    private static decimal? ReadAmount(PaymentRequest request, List<FieldError> errors)
    {
        if (request.AmountText is not { } text)
        {
            if (request.Amount is null)
            {
                errors.Add(new FieldError("amount", "required", "amount is required"));
            }

            return request.Amount;
        }

        if (AmountText.Parse(text, out var amount) is { } error)
        {
            errors.Add(error);
            return null;
        }

        return amount;
    }

    private static Currency? CheckCurrency(string? code, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(code))
        {
            errors.Add(new FieldError("currency", "required", "currency is required"));
            return null;
        }

        if (!Currency.TryFind(code, out var currency))
        {
            var supported = string.Join(", ", Currency.Supported.Select(c => c.Code));
            errors.Add(new FieldError("currency", "unsupported", $"currency must be one of {supported} (upper case ISO 4217)"));
            return null;
        }

        return currency;
    }

    private static void CheckAmount(decimal? amount, Currency? currency, List<FieldError> errors)
    {
        if (amount is null)
        {
            return;
        }

        if (amount.Value <= 0m)
        {
            errors.Add(new FieldError("amount", "not_positive", "amount must be greater than zero"));
            return;
        }

        if (currency is null)
        {
            return;
        }

        if (!currency.FitsMinorUnits(amount.Value))
        {
            errors.Add(new FieldError("amount", "too_precise", $"amount has more than {currency.MinorUnits} decimal places for {currency.Code}"));
        }

        if (amount.Value > currency.MaximumAmount)
        {
            errors.Add(new FieldError("amount", "too_large", $"amount must be at most {currency.Format(currency.MaximumAmount)} {currency.Code}"));
        }
    }

    private static void AddIfPresent(List<FieldError> errors, FieldError? error)
    {
        if (error is not null)
        {
            errors.Add(error);
        }
    }
}
