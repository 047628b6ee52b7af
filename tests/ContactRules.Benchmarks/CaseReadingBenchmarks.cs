using BenchmarkDotNet.Attributes;
using ContactRules.Contacts;
using ContactRules.Generation;
using MiniExcelLibs;

namespace ContactRules.Benchmarks;

/// <summary>
/// Issue 9's reading target: the same generated cases read from an xlsx workbook (HQ's default export)
/// within 3× of reading them from CSV. The workbook is written by MiniExcel, as a spreadsheet program
/// would; both are read from memory, so this measures the readers, not the disk.
/// </summary>
[MemoryDiagnoser]
public class CaseReadingBenchmarks
{
    private byte[] _csv = null!;
    private byte[] _xlsx = null!;

    [Params(100_000)]
    public int Cases { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var cases = new CaseGenerator(GeneratorOptions.Default).Generate(Cases).ToList();
        using (var csv = new MemoryStream())
        {
            CaseExportWriter.Write(cases, CaseGenerator.PropertyNames, csv, ExportFormat.Csv);
            _csv = csv.ToArray();
        }
        var rows = cases.Select(c =>
        {
            var row = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["caseid"] = c.Id,
                ["name"] = c.Name,
                ["closed"] = c.Closed,
                ["last_modified_date"] = c.LastModified?.Raw ?? "---",
            };
            foreach (var name in CaseGenerator.PropertyNames)
            {
                row[name] = c.Property(name) ?? "---";
            }
            return row;
        });
        using var xlsx = new MemoryStream();
        xlsx.SaveAs(rows, sheetName: "Cases");
        _xlsx = xlsx.ToArray();
    }

    [Benchmark(Baseline = true)]
    public int Csv() => Count(_csv);

    [Benchmark]
    public int Xlsx() => Count(_xlsx);

    /// <summary>The shared strings read alongside the sheet, as a large part is (a first read of the sheet counts their uses).</summary>
    [Benchmark(Description = "Xlsx, strings alongside")]
    public int XlsxStringsAlongside() => CountXlsx(CaseReadOptions.Default);

    /// <summary>As a run's second pass reads it: the count of string uses remembered from the first.</summary>
    [Benchmark(Description = "Xlsx, strings alongside, remembered")]
    public int XlsxStringsRemembered() => CountXlsx(_remembering);

    private readonly CaseReadOptions _remembering = CaseReadOptions.Default with { Memo = new ReadMemo() };

    private int CountXlsx(CaseReadOptions options)
    {
        var accepted = 0;
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(_xlsx), System.IO.Compression.ZipArchiveMode.Read);
        foreach (var result in XlsxCaseReader.Read(archive, "bench", options, XlsxCaseReader.SheetScan.Default with { LazyStringsFrom = 0 }))
        {
            accepted += result.Kind == CaseReadKind.Accepted ? 1 : 0;
        }
        return accepted;
    }

    private static int Count(byte[] bytes)
    {
        var accepted = 0;
        foreach (var result in CaseSource.Read(new MemoryStream(bytes), "bench", CaseReadOptions.Default))
        {
            accepted += result.Kind == CaseReadKind.Accepted ? 1 : 0;
        }
        return accepted;
    }
}
