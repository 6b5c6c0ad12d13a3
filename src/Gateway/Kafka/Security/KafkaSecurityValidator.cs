using FluentValidation;

namespace Gateway.Kafka.Security;

/// <summary>Checks the <c>Kafka:Security</c> section; each message names its key.</summary>
internal sealed class KafkaSecurityValidator : AbstractValidator<KafkaSecurityOptions>
{
    public KafkaSecurityValidator()
    {
        RuleFor(o => o.CaFile).Must(File.Exists).When(o => o.CaFile.Length > 0)
            .WithMessage(o => $"Kafka:Security:CaFile '{o.CaFile}' does not exist.");
        RuleFor(o => o.Username).NotEmpty().When(o => o.UsesSasl)
            .WithMessage(o => $"Kafka:Security:Username is required when Kafka:Security:Mode is {o.Mode}.");
        RuleFor(o => o.PasswordFile).Must(File.Exists).When(o => o.PasswordFile.Length > 0)
            .WithMessage(o => $"Kafka:Security:PasswordFile '{o.PasswordFile}' does not exist.");
        RuleFor(o => o.EffectivePassword).NotEmpty().When(o => o.UsesSasl && (o.PasswordFile.Length == 0 || File.Exists(o.PasswordFile)))
            .WithMessage(o => $"Kafka:Security:Password (or Kafka:Security:PasswordFile) is required when Kafka:Security:Mode is {o.Mode}.");
        RuleFor(o => o.EffectiveAwsRegion).NotEmpty().When(o => o.Mode == KafkaSecurityMode.AwsMskIam)
            .WithMessage("Kafka:Security:AwsRegion (or the AWS_REGION environment variable) is required when Kafka:Security:Mode is AwsMskIam.");
        RuleFor(o => o.AwsRoleArn).Must(arn => arn.StartsWith("arn:aws", StringComparison.Ordinal) && arn.Contains(":role/", StringComparison.Ordinal))
            .When(o => o.AwsRoleArn.Length > 0)
            .WithMessage(o => $"Kafka:Security:AwsRoleArn '{o.AwsRoleArn}' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>).");
        RuleFor(o => o.AwsRoleSessionName).Matches("^[A-Za-z0-9_=,.@-]{2,64}$")
            .WithMessage("Kafka:Security:AwsRoleSessionName must be 2-64 characters of letters, digits and _=,.@-.");
    }
}
