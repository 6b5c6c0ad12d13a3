using System.Text.RegularExpressions;
using FluentValidation;

namespace Gateway.Schemas;

/// <summary>Checks the <c>Schemas</c> section at start-up; each message names the binding's key.</summary>
internal sealed class SchemaOptionsValidator : AbstractValidator<SchemaOptions>
{
    public SchemaOptionsValidator(IHostEnvironment environment)
    {
        RuleFor(o => o.MaxErrors).InclusiveBetween(1, 10_000).WithMessage("Schemas:MaxErrors must be between 1 and 10000.");
        RuleForEach(o => o.Bindings).Custom((entry, context) =>
        {
            var (name, binding) = (entry.Key, entry.Value);
            var key = $"Schemas:Bindings:{name}";
            if ((binding.Topic.Length > 0) == (binding.Pattern.Length > 0))
            {
                context.AddFailure($"{key} needs exactly one of Topic or Pattern.");
            }

            if (binding.Pattern.Length > 0 && !IsRegex(binding.Pattern))
            {
                context.AddFailure($"{key}:Pattern '{binding.Pattern}' is not a valid regular expression.");
            }

            if (binding.BinaryPayloadIsJson == false)
            {
                context.AddFailure($"{key}:BinaryPayloadIsJson is no longer used: binary payloads are validated by default. "
                    + $"Remove it, or set {key}:ValidateBinaryPayloads=false to produce them unvalidated.");
            }

            if (binding.Schema.Length == 0 && binding.Subject.Length == 0)
            {
                context.AddFailure($"{key} needs a Schema file, a registry Subject, or both.");
            }
            else if (binding.Schema.Length > 0 && SchemaFiles.Resolve(binding.Schema, environment.ContentRootPath) is null)
            {
                context.AddFailure($"{key}:Schema '{binding.Schema}' was not found under {environment.ContentRootPath} or {AppContext.BaseDirectory}.");
            }

            CheckPins(key, binding, context);
        });
    }

    private static void CheckPins(string key, SchemaBindingOptions binding, ValidationContext<SchemaOptions> context)
    {
        if (binding.Version is not null && binding.SchemaId is not null)
        {
            context.AddFailure($"{key} pins a Version or a SchemaId, not both.");
        }

        if ((binding.Version ?? binding.SchemaId) is not null && (binding.Subject.Length == 0 || binding.Schema.Length > 0))
        {
            context.AddFailure($"{key}:Version and {key}:SchemaId pin a registry Subject without a Schema file (a file is registered and allows its own id).");
        }

        if (binding.Version is < 1 || binding.SchemaId is < 1)
        {
            context.AddFailure($"{key}:Version and {key}:SchemaId are whole numbers from 1.");
        }
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, SchemaFiles.PatternTimeout);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
