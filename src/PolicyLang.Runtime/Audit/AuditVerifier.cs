namespace PolicyLang.Runtime.Audit;

/// <summary>One problem found in an audit trail.</summary>
/// <param name="Index">Zero-based position of the record in stored order.</param>
/// <param name="Sequence">The record's sequence number.</param>
/// <param name="Kind">edited | inserted | deleted | broken-chain.</param>
/// <param name="Message">A one-line explanation naming the record.</param>
public sealed record AuditProblem(int Index, long Sequence, string Kind, string Message);

/// <summary>
/// Checks a hash-chained trail: each record's hash matches its content (else edited), sequence numbers step by one
/// (a gap means deleted records, a repeat or step back means an inserted one), and each previous hash is its predecessor's hash.
/// Removing records from the end is only detectable against an anchor (<see cref="Reporting.RunReport.AuditHead"/>).
/// </summary>
public static class AuditVerifier
{
    /// <summary>Every problem in <paramref name="records"/>, in order; empty when the chain is intact.</summary>
    /// <param name="records">The trail in stored order.</param>
    /// <param name="expectedHead">When known, the hash the last record must have (detects truncation).</param>
    public static IReadOnlyList<AuditProblem> Verify(IReadOnlyList<AuditRecord> records, string? expectedHead = null)
    {
        var problems = new List<AuditProblem>();
        AuditRecord? previous = null;
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Hash != AuditChain.ComputeHash(r))
            {
                problems.Add(new(i, r.Sequence, "edited", $"record #{r.Sequence} (index {i}) does not match its hash: it was edited"));
            }

            if (previous is not null)
            {
                if (r.Sequence > previous.Sequence + 1)
                {
                    problems.Add(new(i, r.Sequence, "deleted", r.Sequence == previous.Sequence + 2
                        ? $"record #{previous.Sequence + 1} is missing before record #{r.Sequence} (index {i}): deleted"
                        : $"records #{previous.Sequence + 1}..#{r.Sequence - 1} are missing before record #{r.Sequence} (index {i}): deleted"));
                }
                else if (r.Sequence <= previous.Sequence)
                {
                    problems.Add(new(i, r.Sequence, "inserted",
                        $"record #{r.Sequence} (index {i}) repeats or goes back after #{previous.Sequence}: inserted"));
                }
                else if (r.PreviousHash != previous.Hash)
                {
                    problems.Add(new(i, r.Sequence, "broken-chain",
                        $"record #{r.Sequence} (index {i}) does not chain to record #{previous.Sequence}: a record was inserted or replaced"));
                }
            }
            else if (i == 0 && r.Sequence == 1 && !string.IsNullOrEmpty(r.PreviousHash))
            {
                problems.Add(new(i, r.Sequence, "broken-chain", "the first record #1 names a previous hash: the trail's start was replaced"));
            }

            previous = r;
        }

        if (expectedHead is not null && previous?.Hash != expectedHead)
        {
            problems.Add(new(records.Count, previous?.Sequence ?? 0, "deleted",
                $"the last record is #{previous?.Sequence ?? 0}, whose hash is not the expected head: records were removed from the end"));
        }

        return problems;
    }
}
