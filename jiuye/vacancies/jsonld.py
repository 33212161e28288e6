"""schema.org JobPosting for a vacancy page, so search engines can list it."""

import json

from jiuye.vacancies.models import Vacancy

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def job_posting(vacancy: Vacancy, *, url: str) -> dict:
    employer = vacancy.employer
    region = vacancy.region
    posting = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": vacancy.description or vacancy.title,
        "identifier": {
            "@type": "PropertyValue",
            "name": employer.name,
            "value": str(vacancy.pk),
        },
        "datePosted": vacancy.posted_on.isoformat() if vacancy.posted_on else None,
        "validThrough": f"{vacancy.valid_until.isoformat()}T23:59:59+08:00",
        "employmentType": vacancy.employment_type,
        "hiringOrganization": {"@type": "Organization", "name": employer.name},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": vacancy.address or region.name,
                "addressLocality": region.full_name,
                "addressRegion": region.ancestors()[0].name
                if len(region.code) > 2
                else region.name,
                "addressCountry": "CN",
            },
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "CNY",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": vacancy.wage_min,
                "maxValue": vacancy.wage_max,
                "unitText": "MONTH",
            },
        },
        "totalJobOpenings": vacancy.headcount,
        "url": url,
    }
    if employer.credit_code:
        posting["hiringOrganization"]["taxID"] = employer.credit_code
    return posting


def job_posting_script(vacancy: Vacancy, *, url: str) -> str:
    """The JSON text, safe inside <script type="application/ld+json">."""
    return json.dumps(job_posting(vacancy, url=url), ensure_ascii=False).translate(_ESCAPES)
