using System.Text;

namespace PolicyLang.Benchmarks;

/// <summary>Generates a realistic policy of about <c>lines</c> lines: many datasets shaped like the lab's.</summary>
internal static class PolicyGenerator
{
    public static string Generate(int lines)
    {
        var builder = new StringBuilder();
        builder.AppendLine("policy \"Generated\" { version \"1\" owner \"bench\" review every 90 days frameworks cis-v8 }");
        builder.AppendLine("classification public < internal < confidential < restricted");
        builder.AppendLine("role reader \"Readers\"");
        builder.AppendLine("role writer \"Writers\"");
        builder.AppendLine("store db postgres { connection env(\"PG\") tls required }");
        builder.AppendLine("store arc folder { path \"archive\" }");
        var count = 6;
        for (var i = 0; count < lines; i++)
        {
            builder.Append(Dataset(i));
            count += 22;
        }

        builder.AppendLine("audit { store db table \"gov.audit\" retain 1 year tamper-evident }");
        builder.AppendLine("controls cis-v8 { require 3.1, 3.2, 3.3, 3.4 }");
        return builder.ToString();
    }

    private static string Dataset(int i) => $$"""
        dataset ds{{i}} in db table "s.t{{i}}" {
          description "Generated dataset {{i}}"
          owner "team{{i % 7}}"  steward "steward{{i % 5}}"  classification internal
          key id
          column id        bigint      not null
          column ra        double
          column dec       double
          column email     text        pii
          column band      text
          column loaded_at timestamptz not null
          // a comment line, as real policies have
          expect id unique
          expect ra between 0 and 360
          expect dec between -90 and 90 or null as dec_ok
          expect email matches "^[^@\s]+@[^@\s]+$" or null
          expect band in ["G", "BP", "RP"] tolerance 0.5%
          expect loaded_at fresher than 2 days severity warn
          expect rows at least 10
          retain 30 days by loaded_at then archive to arc as parquet then delete
          mask email with sha256
          grant read to reader
        }

        """;
}
