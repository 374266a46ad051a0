// Runs retention of the seeded events of one store and kills its own process at a named fault point, so the kill suites can
// prove a crash at that point loses no row. Usage: FaultHost <duckdb|postgres|mongodb> <dir> <fault-point|none> <batch> [<s3-endpoint> <bucket>]
// The store's connection comes from the environment, never an argument (it may hold credentials): TEST_PG_CONNECTION for
// postgres, LAB_MONGO_URL and LAB_MONGO_TLS for mongodb. With an S3 endpoint the archive is an s3 store (credentials from the
// standard AWS chain). FAULTHOST_BATCH_SIZE overrides the batch size (5).
using System.Diagnostics;
using System.Globalization;
using PolicyLang.Runtime.Running;
using PolicyLang.Testing;
using PolicyLang.Testing.Retention;

if (args.Length is not (4 or 6))
{
    Console.Error.WriteLine("usage: FaultHost <duckdb|postgres|mongodb> <dir> <fault-point|none> <batch> [<s3-endpoint> <bucket>]");
    return 64;
}

var (store, dir, point, batch) = (args[0], args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
var options = new RunOptions
{
    BaseDirectory = dir,
    Now = M.Now,
    BatchSize = int.Parse(Environment.GetEnvironmentVariable("FAULTHOST_BATCH_SIZE") ?? "5", CultureInfo.InvariantCulture),
    Checks = false,
    FaultInjection = p =>
    {
        if (p.Name == point && p.Batch == batch)
        {
            Console.Out.WriteLine($"FAULT {p.Name} {p.Batch}");
            Console.Out.Flush();
            // SIGKILL: no finally blocks, no rollback, no unlock, no flush — what a crash looks like. A server sees the socket close.
            Process.GetCurrentProcess().Kill();
        }

        return ValueTask.CompletedTask;
    },
};
var s3 = args.Length == 6 ? M.S3(args[5], args[4], region: null) : null;
var report = await PolicyRunner.RunAsync(new TestPolicy(EventsPolicy.For(store, s3: s3)), options, CancellationToken.None);
foreach (var error in report.Retention.Select(r => r.Error).Concat(report.Errors).OfType<string>())
{
    Console.Out.WriteLine($"ERROR {error}");
}

Console.Out.WriteLine($"COMPLETED exit {report.ExitCode}");
return report.ExitCode;
