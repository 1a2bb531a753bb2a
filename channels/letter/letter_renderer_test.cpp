// Letters checked through a real PDF reader: poppler's pdftotext, pdfinfo and pdftoppm read
// what LetterRenderer wrote, the way a print shop's tools would.
#include "channels/letter/letter_renderer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <cairo.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "channels/letter/letter_geometry.h"

namespace duly::channels {
namespace {

namespace fs = std::filesystem;
namespace geo = letter_geometry;

// Runs a shell command and returns its standard output; fails the test on a non-zero exit.
std::string RunTool(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return out;
  }
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  int status = pclose(pipe);
  EXPECT_EQ(status, 0) << command;
  return out;
}

// A PDF written to the temp folder for the poppler tools; removed when the test ends unless
// DULY_KEEP_PDF is set (to look at the letters by hand).
class PdfFile {
 public:
  PdfFile(const std::string& name, const std::string& bytes)
      : path_(fs::temp_directory_path() /
              ("duly_letter_" + std::to_string(getpid()) + "_" + name + ".pdf")) {
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~PdfFile() {
    if (!std::getenv("DULY_KEEP_PDF")) fs::remove(path_);
  }
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;

  std::string Text() const { return RunTool("pdftotext -layout '" + path_.string() + "' -"); }
  std::string PageText(int page) const {
    const std::string n = std::to_string(page);
    return RunTool("pdftotext -layout -f " + n + " -l " + n + " '" + path_.string() + "' -");
  }
  std::string Info() const { return RunTool("pdfinfo '" + path_.string() + "'"); }
  int Pages() const {
    std::smatch match;
    const std::string info = Info();
    if (!std::regex_search(info, match, std::regex(R"(Pages:\s+(\d+))"))) return -1;
    return std::stoi(match[1]);
  }
  std::string Boxes() const {
    return RunTool("pdftotext -bbox -f 1 -l 1 '" + path_.string() + "' -");
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

cairo_status_t AppendPng(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// A small two-colour logo, drawn with cairo and encoded as PNG.
std::string LogoPng() {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 240, 80);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0.05, 0.35, 0.45);
  cairo_rectangle(cr, 0, 0, 80, 80);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.95, 0.6, 0.1);
  cairo_arc(cr, 40, 40, 24, 0, 6.2832);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.05, 0.35, 0.45);
  cairo_rectangle(cr, 92, 28, 140, 24);
  cairo_fill(cr);
  std::string png;
  cairo_surface_write_to_png_stream(surface, &AppendPng, &png);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  return png;
}

LetterDocument BrasserieLetter(std::size_t invoice_count = 2) {
  LetterDocument letter;
  letter.customer = "C-LIEGE-7";
  letter.language = "nl";
  letter.sender = {"Duly Demo BV",
                   {"Kerkstraat 1", "1000 Brussel"},
                   "BE68 5390 0754 7034",
                   "GKCCBEBB",
                   {"+32 2 123 45 67", "facturen@duly.example"}};
  letter.recipient = {"Brasserie L'Été",
                      {"t.a.v. François Lefèvre", "Rue Féronstrée 12", "4000 Liège", "BELGIË"}};
  letter.place_and_date = "Brussel, 24 november 2026";
  letter.subject = "Herinnering: openstaande facturen";
  letter.paragraphs = {
      "Beste François,",
      "Volgens onze boekhouding staan de onderstaande facturen nog open. Misschien is de betaling "
      "al onderweg; dan mag u deze brief als niet verzonden beschouwen. Zo niet, dan zouden we het "
      "fijn vinden als u het openstaande bedrag binnen veertien dagen overmaakt. Heeft u vragen "
      "over een factuur, of past een betaling in delen beter? Bel of mail ons gerust; samen vinden "
      "we een oplossing."};
  for (std::size_t i = 0; i < invoice_count; ++i) {
    LetterInvoiceRow row;
    row.number = "INV-2026-" + std::to_string(1000 + i);
    row.issued = "01-09-2026";
    row.due = "01-10-2026";
    row.amount = i == 0 ? "€ 1.250,00" : "€ 87,45";
    row.open = i == 0 ? "€ 1.250,00" : "€ 42,10";
    letter.invoices.push_back(row);
  }
  letter.total = invoice_count == 2 ? "€ 1.292,10" : "€ 9.999,99";
  letter.payment_reference = "+++090/9337/55493+++";
  letter.closing = {"Met vriendelijke groet,", "Sofie Peeters\nKredietbeheer, Duly Demo BV"};
  letter.logo_png = LogoPng();
  return letter;
}

TEST(LetterRendererTest, PdftotextFindsAddressAmountsAndAccents) {
  Result<std::string> pdf = LetterRenderer().Render(BrasserieLetter());
  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  ASSERT_EQ(pdf->rfind("%PDF-", 0), 0U);
  PdfFile file("brasserie", *pdf);

  const std::string info = file.Info();
  EXPECT_NE(info.find("595.28 x 841.89 pts (A4)"), std::string::npos) << info;
  EXPECT_EQ(file.Pages(), 1);

  const std::string text = file.Text();
  for (const char* expected :
       {"Brasserie L'Été", "t.a.v. François Lefèvre", "Rue Féronstrée 12", "4000 Liège", "BELGIË",
        "€ 1.250,00", "€ 42,10", "€ 1.292,10", "INV-2026-1001", "Vervaldag", "Openstaand",
        "Totaal openstaand", "+++090/9337/55493+++", "BE68 5390 0754 7034", "Pagina 1 van 1",
        "Herinnering: openstaande facturen", "Brussel, 24 november 2026", "Duly Demo BV"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " missing from:\n" << text;
  }

  // A person looks at this picture; it is kept in the test's working folder.
  const fs::path png_base = fs::current_path() / "letter_brasserie_page1";
  fs::remove(png_base.string() + ".png");
  RunTool("pdftoppm -png -r 60 -singlefile -f 1 -l 1 '" + file.path().string() + "' '" +
          png_base.string() + "'");
  std::ifstream png(png_base.string() + ".png", std::ios::binary);
  char magic[8] = {};
  png.read(magic, 8);
  EXPECT_EQ(std::string(magic + 1, 3), "PNG") << "no PNG at " << png_base << ".png";
}

TEST(LetterRendererTest, AddressSitsInTheEnvelopeWindow) {
  Result<std::string> pdf = LetterRenderer().Render(BrasserieLetter());
  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  PdfFile file("window", *pdf);
  const std::string boxes = file.Boxes();
  // pdftotext -bbox: <word xMin=".." yMin=".." xMax=".." yMax="..">word</word>, points, top-left.
  const std::regex word(
      R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
  std::vector<std::string> inside;
  for (auto it = std::sregex_iterator(boxes.begin(), boxes.end(), word);
       it != std::sregex_iterator(); ++it) {
    const double x_min = std::stod((*it)[1]);
    const double y_min = std::stod((*it)[2]);
    const double x_max = std::stod((*it)[3]);
    const double y_max = std::stod((*it)[4]);
    if (x_min >= geo::Pt(geo::kWindowLeftMm) - 0.5 &&
        x_max <= geo::Pt(geo::kWindowLeftMm + geo::kWindowWidthMm) &&
        y_min >= geo::Pt(geo::kWindowTopMm + geo::kReturnLineHeightMm) - 0.5 &&
        y_max <= geo::Pt(geo::kWindowTopMm + geo::kWindowHeightMm)) {
      inside.push_back((*it)[5]);
    }
  }
  const std::vector<std::string> expected = {"Brasserie", "L&apos;Été", "t.a.v.",     "François",
                                             "Lefèvre",   "Rue",        "Féronstrée", "12",
                                             "4000",      "Liège",      "BELGIË"};
  EXPECT_EQ(inside, expected) << boxes;
}

TEST(LetterRendererTest, LongTableBreaksPagesAndRepeatsTheHeading) {
  Result<std::string> pdf = LetterRenderer().Render(BrasserieLetter(60));
  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  PdfFile file("long", *pdf);
  const int pages = file.Pages();
  ASSERT_GT(pages, 1);
  for (int page = 1; page <= pages; ++page) {
    const std::string text = file.PageText(page);
    EXPECT_NE(text.find("Pagina " + std::to_string(page) + " van " + std::to_string(pages)),
              std::string::npos)
        << text;
  }
  const std::string second = file.PageText(2);
  EXPECT_NE(second.find("Vervaldag"), std::string::npos) << "heading not repeated:\n" << second;
  EXPECT_NE(second.find("Brasserie L'Été"), std::string::npos) << "no running head:\n" << second;
  // Every row is printed exactly once, and the total comes after the last row.
  const std::string text = file.Text();
  for (int i = 0; i < 60; ++i) {
    const std::string number = "INV-2026-" + std::to_string(1000 + i);
    const auto first = text.find(number);
    ASSERT_NE(first, std::string::npos) << number;
    EXPECT_EQ(text.find(number, first + 1), std::string::npos) << number << " printed twice";
  }
  EXPECT_GT(text.find("€ 9.999,99"), text.find("INV-2026-1059"));
}

TEST(LetterRendererTest, BatchRegisterNamesTheFirstPageOfEachLetter) {
  LetterDocument one = BrasserieLetter();
  LetterDocument two = BrasserieLetter(60);
  two.customer = "C-GENT-2";
  two.recipient = {"Bakkerij Van Damme", {"Veldstraat 3", "9000 Gent"}};
  LetterDocument three = BrasserieLetter();
  three.customer = "C-NAMUR-9";
  three.language = "fr";
  three.recipient = {"Crèmerie Ça Va", {"Rue de Fer 8", "5000 Namur"}};
  three.logo_png.clear();

  Result<PrintBatch> batch = LetterRenderer().RenderBatch({one, two, three});
  ASSERT_TRUE(batch.has_value()) << batch.error().message;
  PdfFile file("batch", batch->pdf);
  ASSERT_EQ(batch->letters.size(), 3U);
  const int second_pages = batch->letters[1].pages;
  ASSERT_GT(second_pages, 1);
  EXPECT_EQ(batch->letters[0], (LetterRegisterEntry{"C-LIEGE-7", "Brasserie L'Été", 1, 1}));
  EXPECT_EQ(batch->letters[1],
            (LetterRegisterEntry{"C-GENT-2", "Bakkerij Van Damme", 2, second_pages}));
  EXPECT_EQ(batch->letters[2],
            (LetterRegisterEntry{"C-NAMUR-9", "Crèmerie Ça Va", 2 + second_pages, 1}));
  EXPECT_EQ(batch->pages, 2 + second_pages);
  EXPECT_EQ(file.Pages(), batch->pages);

  for (const LetterRegisterEntry& entry : batch->letters) {
    const std::string text = file.PageText(entry.first_page);
    EXPECT_NE(text.find(entry.recipient_name), std::string::npos)
        << entry.customer << " not on page " << entry.first_page << ":\n"
        << text;
  }
  const std::string french = file.PageText(batch->letters[2].first_page);
  EXPECT_NE(french.find("Échéance"), std::string::npos) << french;
  EXPECT_NE(french.find("Page 1 sur 1"), std::string::npos) << french;
}

TEST(LetterRendererTest, RefusesWhatCannotBePrintedAsAsked) {
  const LetterRenderer renderer;
  auto field_of = [&renderer](const LetterDocument& letter) -> std::string {
    Result<std::string> pdf = renderer.Render(letter);
    return pdf.has_value() || pdf.error().fields.empty() ? "" : pdf.error().fields[0].field;
  };

  LetterDocument tall = BrasserieLetter();
  tall.recipient.address_lines = {"a", "b", "c", "d", "e", "f", "g", "h"};
  EXPECT_EQ(field_of(tall), "/recipient/address_lines");

  LetterDocument wide = BrasserieLetter();
  wide.recipient.address_lines[1] = std::string(80, 'W');
  EXPECT_EQ(field_of(wide), "/recipient/address_lines/1");

  LetterDocument bad_utf8 = BrasserieLetter();
  bad_utf8.paragraphs[0] = "Li\xe8ge";  // Latin-1, not UTF-8
  EXPECT_EQ(field_of(bad_utf8), "/paragraphs/0");

  LetterDocument spanish = BrasserieLetter();
  spanish.language = "es";
  EXPECT_EQ(field_of(spanish), "/language");

  LetterDocument bad_logo = BrasserieLetter();
  bad_logo.logo_png = "GIF89a";
  EXPECT_EQ(field_of(bad_logo), "/logo_png");

  LetterDocument huge_amount = BrasserieLetter();
  huge_amount.invoices[1].amount = "€ 1.000.000.000.000.000.000,00";
  EXPECT_EQ(field_of(huge_amount), "/invoices/1/amount");

  LetterDocument endless = BrasserieLetter();
  endless.paragraphs[1] = std::string(20000, 'x') + " end";
  EXPECT_EQ(field_of(endless), "/paragraphs/1");

  LetterDocument nameless = BrasserieLetter();
  nameless.recipient.name.clear();
  EXPECT_EQ(field_of(nameless), "/recipient/name");

  Result<PrintBatch> batch = renderer.RenderBatch({BrasserieLetter(), spanish});
  ASSERT_FALSE(batch.has_value());
  ASSERT_EQ(batch.error().fields.size(), 1U);
  EXPECT_EQ(batch.error().fields[0].field, "/1/language");
  EXPECT_EQ(renderer.RenderBatch({}).has_value(), false);
}

TEST(LetterRendererTest, ParagraphTooTallForPageOneMovesToPageTwo) {
  LetterDocument letter = BrasserieLetter();
  std::string tall = "BEGIN-PARAGRAPH";
  for (int i = 0; i < 450; ++i) tall += " betaling";
  tall += " END-PARAGRAPH";
  letter.paragraphs = {tall};  // taller than the room under the subject, shorter than a page
  Result<std::string> pdf = LetterRenderer().Render(letter);
  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  PdfFile file("tall", *pdf);
  ASSERT_GE(file.Pages(), 2);
  const std::string first = file.PageText(1);
  const std::string second = file.PageText(2);
  EXPECT_EQ(first.find("BEGIN-PARAGRAPH"), std::string::npos) << first;
  EXPECT_NE(second.find("BEGIN-PARAGRAPH"), std::string::npos) << second;
  EXPECT_NE(second.find("END-PARAGRAPH"), std::string::npos) << second;
}

TEST(LetterRendererTest, RendersOnSeveralThreadsAtOnce) {
  const LetterRenderer renderer;
  std::vector<int> pages(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    threads.emplace_back([&renderer, &pages, i] {
      Result<PrintBatch> batch = renderer.RenderBatch({BrasserieLetter(), BrasserieLetter(60)});
      pages[i] = batch.has_value() ? batch->pages : -1;
    });
  }
  for (auto& thread : threads) thread.join();
  for (int count : pages) EXPECT_GT(count, 2);
  EXPECT_EQ(std::count(pages.begin(), pages.end(), pages[0]), 4);
}

TEST(LetterRendererTest, LetterWithoutInvoicesOrLogoHasNoTable) {
  LetterDocument letter = BrasserieLetter(0);
  letter.total.clear();
  letter.logo_png.clear();
  letter.language = "en";
  Result<std::string> pdf = LetterRenderer().Render(letter);
  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  PdfFile file("plain", *pdf);
  const std::string text = file.Text();
  EXPECT_EQ(text.find("Due date"), std::string::npos) << text;
  EXPECT_NE(text.find("Payment reference"), std::string::npos) << text;
  EXPECT_NE(text.find("Page 1 of 1"), std::string::npos) << text;
}

}  // namespace
}  // namespace duly::channels
