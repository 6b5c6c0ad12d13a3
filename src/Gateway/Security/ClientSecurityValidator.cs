using System.Text.RegularExpressions;
using FluentValidation;

namespace Gateway.Security;

/// <summary>Checks the <c>Security</c> section at start-up; each message names its key, never a secret.</summary>
internal sealed class ClientSecurityValidator : AbstractValidator<ClientSecurityOptions>
{
    public ClientSecurityValidator()
    {
        RuleForEach(o => o.EffectiveAnonymousTopics).Must(IsRegex).WithMessage((_, p) => $"Security:AnonymousTopics entry '{p}' is not a valid regular expression.");
        RuleForEach(o => o.EffectiveAnonymousReadTopics).Must(IsRegex).WithMessage((_, p) => $"Security:AnonymousReadTopics entry '{p}' is not a valid regular expression.");
        RuleForEach(o => o.EffectiveAnonymousSubjects).Must(IsRegex).WithMessage((_, p) => $"Security:AnonymousSubjects entry '{p}' is not a valid regular expression.");
        RuleForEach(o => o.ApiKeys).Custom((entry, context) =>
        {
            if (!Regex.IsMatch(entry.Value.Sha256, "^[0-9a-f]{64}$"))
            {
                context.AddFailure($"Security:ApiKeys:{entry.Key}:Sha256 must be 64 lower-case hex characters (the SHA-256 of the key, not the key).");
            }

            var key = entry.Value;
            var lists = new (string Name, List<string> Patterns)[]
            {
                ("Topics", key.Topics), ("ReadTopics", key.ReadTopics), ("Subjects:Read", key.Subjects.Read),
                ("Subjects:Register", key.Subjects.Register), ("Subjects:Configure", key.Subjects.Configure), ("Subjects:Delete", key.Subjects.Delete),
            };
            foreach (var (name, patterns) in lists)
            {
                foreach (var pattern in patterns.Where(p => !IsRegex(p)))
                {
                    context.AddFailure($"Security:ApiKeys:{entry.Key}:{name} entry '{pattern}' is not a valid regular expression.");
                }
            }
        });
        RuleFor(o => o.SharedSecret.ValueFile).Must(File.Exists).When(o => o.SharedSecret.ValueFile.Length > 0)
            .WithMessage(o => $"Security:SharedSecret:ValueFile '{o.SharedSecret.ValueFile}' does not exist.");
        RuleFor(o => o.SharedSecret.EffectiveValue).MinimumLength(16).When(o => o.SharedSecret.Value.Length > 0 || o.SharedSecret.ValueFile.Length > 0)
            .WithMessage("Security:SharedSecret:Value must be at least 16 characters.");
        RuleFor(o => o.Jwt.Audience).NotEmpty().When(o => o.Jwt.Enabled).WithMessage("Security:Jwt:Audience is required when Security:Jwt:Issuer is set.");
        RuleFor(o => o.Jwt).Must(j => j.SigningKey.Length > 0 || File.Exists(j.SigningKeyFile)).When(o => o.Jwt.Enabled)
            .WithMessage("Security:Jwt:SigningKey or an existing Security:Jwt:SigningKeyFile is required when Security:Jwt:Issuer is set.");
        RuleFor(o => o.RequestsPerSecond).InclusiveBetween(0, 1_000_000).WithMessage("Security:RequestsPerSecond must be between 0 (no limit) and 1000000.");
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
