"""The demo embassy: a handful of posts shaped like real U.S. embassy statements.

The first is the project's founding statement (the U.S.-Kazakhstan media note of 6 December
2022) as the embassy published it; the others are written for the demo in the same forms
(security alert, visa notice, remarks, press release, health alert).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from govfeeds.demo.wordpress import Post, WordPressSite

SITE_TITLE = "U.S. Embassy & Consulate in Kazakhstan"
BYLINE = "U.S. Mission Kazakhstan"


def _p(*paragraphs: str) -> str:
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


FOUNDING_STATEMENT = Post(
    id=99101,
    slug="joint-statement-on-the-united-states-kazakhstan-enhanced-strategic-partnership-dialogue",
    title="Joint Statement on the United States-Kazakhstan Enhanced Strategic Partnership Dialogue",
    date=datetime(2022, 12, 7, 9, 30, tzinfo=UTC),
    categories=["News", "U.S. & Kazakhstan"],
    byline=BYLINE,
    html=_p(
        "MEDIA NOTE",
        "OFFICE OF THE SPOKESPERSON",
        "DECEMBER 6, 2022",
        "The text of the following statement was released by the Governments of the United States of America and the "
        "Republic of Kazakhstan on the occasion of the annual United States-Kazakhstan Enhanced Strategic Partnership Dialogue.",
        "Begin Text:",
        "On December 5, 2022, Assistant Secretary for South and Central Asian Affairs Donald Lu welcomed First Deputy "
        "Foreign Minister of Kazakhstan Kairat Umarov and a Kazakhstani delegation to Washington for the annual United "
        "States-Kazakhstan Enhanced Strategic Partnership Dialogue (ESPD). The U.S.-Kazakhstan ESPD was established as an "
        "annual platform to discuss bilateral and regional issues and advance shared priorities.",
        "Building on the strength of 30 years of diplomatic relations, the U.S. and Kazakhstani delegations discussed "
        "regional geopolitical issues, global nonproliferation efforts, counterterrorism and other security cooperation, "
        "the diversification of energy and trade infrastructure, climate change and the environment, education, and the "
        "importance of respect for human rights. The Kazakhstani side highlighted the need to establish permanent normal "
        "trade relations between the two countries. Assistant Secretary Lu also reaffirmed unwavering U.S. support for "
        "Kazakhstan&#8217;s independence, territorial integrity, and sovereignty.",
        "First Deputy Foreign Minister Umarov underscored Kazakhstan&#8217;s commitment to implementing the reform agenda. "
        "The United States reiterated its strong support for Kazakhstan&#8217;s economic, political, and social reforms "
        "which would have far-reaching benefits for the people of Kazakhstan.",
        "Both leaders affirmed the importance of the Dialogue and the intention to hold the next ESPD in 2023. The two "
        "sides also discussed the importance of continued high-level visits over the next year.",
        "End Text.",
    ),
)

OTHER_POSTS = [
    Post(
        id=99102,
        slug="security-alert-u-s-embassy-astana-kazakhstan-demonstrations",
        title="Security Alert – U.S. Embassy Astana, Kazakhstan (January 5, 2023)",
        date=datetime(2023, 1, 5, 12, 0, tzinfo=UTC),
        categories=["Alert", "Security Alert"],
        html=_p(
            "Security Alert – U.S. Embassy Astana, Kazakhstan (January 5, 2023)",
            "Location: Almaty and Astana, Kazakhstan",
            "Event: Demonstrations are planned in central Almaty on January 7, 2023. Even demonstrations intended to be "
            "peaceful can turn confrontational and escalate into violence.",
            "Actions to Take: Avoid the areas of the demonstrations. Monitor local media for updates. Keep a low profile.",
            "Assistance: U.S. Embassy Astana, Kazakhstan, +7 (7172) 70-21-00, ACSAstana@state.gov. "
            "State Department &#8211; Consular Affairs: 888-407-4747 or 202-501-4444.",
        ),
    ),
    Post(
        id=99103,
        slug="ambassador-rosenblum-remarks-at-the-opening-of-the-american-corner-in-shymkent",
        title="Remarks by Ambassador Daniel N. Rosenblum at the Opening of the American Corner in Shymkent",
        date=datetime(2023, 2, 14, 8, 0, tzinfo=UTC),
        categories=["Ambassador", "News"],
        byline=BYLINE,
        html=_p(
            "Good afternoon! Thank you, Akim Murat Aitenov, for hosting us today.",
            "I am delighted to open the new American Corner in Shymkent with our partners at South Kazakhstan University. "
            "For more than twenty years, American Corners have given Kazakhstani students a place to learn English, "
            "explore study in the United States and meet American experts.",
            "On March 1, the Corner will host its first education fair, with advisers from EducationUSA.",
            "Thank you, and welcome to the American Corner!",
        ),
    ),
    Post(
        id=99104,
        slug="nonimmigrant-visa-appointments-in-almaty",
        title="Nonimmigrant Visa Appointments in Almaty",
        date=datetime(2023, 3, 2, 10, 0, tzinfo=UTC),
        categories=["Visas"],
        byline=BYLINE,
        html=_p(
            "The U.S. Consulate General in Almaty will resume interviews for all categories of nonimmigrant visas on "
            "April 3, 2023.",
            "Applicants may schedule appointments online. Applicants who are eligible for interview waiver may submit "
            "their documents by courier.",
            "For questions, contact the visa information line.",
        ),
    ),
    Post(
        id=99105,
        slug="united-states-provides-additional-humanitarian-assistance",
        title="United States Provides Additional Humanitarian Assistance to Kazakhstan Flood Victims",
        date=datetime(2024, 4, 12, 6, 0, tzinfo=UTC),
        categories=["News", "Press Releases"],
        byline=BYLINE,
        html=_p(
            "Astana, April 11, 2024 &#8211; The United States, through the U.S. Agency for International Development "
            "(USAID), is providing $500,000 in humanitarian aid to help people affected by the floods in northern and "
            "western Kazakhstan.",
            "&#8220;The American people stand with the people of Kazakhstan,&#8221; said U.S. Ambassador to Kazakhstan "
            "Daniel N. Rosenblum.",
            "The assistance will provide clean water, hygiene kits, and emergency shelter supplies.",
        ),
    ),
    Post(
        id=99106,
        slug="health-alert-measles-outbreak",
        title="Health Alert: U.S. Embassy Astana (June 3, 2024)",
        date=datetime(2024, 6, 3, 11, 0, tzinfo=UTC),
        categories=["Alert", "Health Alert"],
        html=_p(
            "Health Alert: U.S. Embassy Astana (June 3, 2024)",
            "Event: The Ministry of Health of Kazakhstan has reported an increase in measles cases.",
            "Actions to Take: Make sure your vaccinations are up to date before travel.",
            "Assistance: U.S. Embassy Astana, Kazakhstan, ACSAstana@state.gov.",
        ),
    ),
]


def demo_site() -> WordPressSite:
    """A fresh, not yet started, copy of the demo embassy site."""
    return WordPressSite(SITE_TITLE, [replace(post) for post in (FOUNDING_STATEMENT, *OTHER_POSTS)])
