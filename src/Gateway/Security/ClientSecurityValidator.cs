using System.Text.RegularExpressions;
using FluentValidation;
using Gateway.Kafka;
using Microsoft.Extensions.Options;

namespace Gateway.Security;

/// <summary>Checks the <c>Security</c> section at start-up; each message names its key, never a secret.</summary>
internal sealed class ClientSecurityValidator : AbstractValidator<ClientSecurityOptions>
{
    public ClientSecurityValidator(IOptions<KafkaOptions> kafka)
    {
        RuleFor(o => o.AllowAnonymousWithExternalKafka).Equal(true).When(o => o.AllowAnonymous && !kafka.Value.UsesEmbeddedCluster)
            .WithMessage("Security:AllowAnonymous is true and Kafka:BootstrapServers names a real cluster: anyone who reaches the gateway could produce to it. "
                + "Turn Security:AllowAnonymous off and give callers API keys or tokens, or set Security:AllowAnonymousWithExternalKafka=true if that is really meant.");
        RuleForEach(o => o.EffectiveAnonymousTopics).Must(IsRegex).WithMessage((_, p) => $"Security:AnonymousTopics entry '{p}' is not a valid regular expression.");
        RuleForEach(o => o.EffectiveAnonymousReadTopics).Must(IsRegex).WithMessage((_, p) => $"Security:AnonymousReadTopics entry '{p}' is not a valid regular expression.");
        RuleForEach(o => o.EffectiveAnonymousSubjects).Must(IsRegex).WithMessage((_, p) => $"Security:AnonymousSubjects entry '{p}' is not a valid regular expression.");
        RuleForEach(o => o.ApiKeys).Custom((entry, context) =>
        {
            if (entry.Value.Hashes.Count == 0 || entry.Value.Hashes.Any(h => !Regex.IsMatch(h, "^[0-9a-f]{64}$")))
            {
                context.AddFailure($"Security:ApiKeys:{entry.Key}:Sha256 must be 64 lower-case hex characters (the SHA-256 of the key, not the key), or several separated by commas.");
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
        RuleFor(o => o.SharedSecret.EffectiveValues).Must(v => v.Count > 0 && v.All(s => s.Length >= 16)).When(o => o.SharedSecret.Enabled)
            .WithMessage("Security:SharedSecret:Value (and PreviousValue, or each line of ValueFile) must be at least 16 characters.");
        RuleFor(o => o.SharedSecret.PreviousValue).Empty().When(o => o.SharedSecret.Value.Length == 0)
            .WithMessage("Security:SharedSecret:PreviousValue needs Security:SharedSecret:Value; with ValueFile, put the previous value on the file's second line.");
        RuleFor(o => o.Jwt.Audience).NotEmpty().When(o => o.Jwt.Enabled).WithMessage("Security:Jwt:Audience is required when Security:Jwt:Issuer is set.");
        RuleFor(o => o.Jwt).Must(j => j.SigningKey.Length > 0 || File.Exists(j.SigningKeyFile)).When(o => o.Jwt.Enabled)
            .WithMessage("Security:Jwt:SigningKey or an existing Security:Jwt:SigningKeyFile is required when Security:Jwt:Issuer is set.");
        RuleFor(o => o.RequestsPerSecond).InclusiveBetween(0, 1_000_000).WithMessage("Security:RequestsPerSecond must be between 0 (no limit) and 1000000.");
        RuleFor(o => o.RefusalsPerSecond).InclusiveBetween(0, 1_000_000).WithMessage("Security:RefusalsPerSecond must be between 0 (no limit) and 1000000.");
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
