using Payments.Domain.Money;

namespace Payments.Domain.Requests;

/// <summary>Checks a request against the ledger's rules and reports every broken rule at once.</summary>
public static class PaymentRequestValidator
{
    public static IReadOnlyList<FieldError> Validate(PaymentRequest request, out ValidPaymentRequest? valid)
    {
        var errors = new List<FieldError>();
        var currency = CheckCurrency(request.Currency, errors);
        CheckAmount(request.Amount, currency, errors);
        AddIfPresent(errors, AccountReference.Check("source_account", request.SourceAccount));
        AddIfPresent(errors, AccountReference.Check("destination_account", request.DestinationAccount));
        if (request.SourceAccount is not null && string.Equals(request.SourceAccount, request.DestinationAccount, StringComparison.Ordinal))
        {
            errors.Add(new FieldError("destination_account", "same_as_source", "destination_account must differ from source_account"));
        }

        valid = errors.Count == 0
            ? new ValidPaymentRequest(request.Amount!.Value, currency!, request.SourceAccount!, request.DestinationAccount!)
            : null;
        return errors;
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
            errors.Add(new FieldError("amount", "required", "amount is required"));
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
