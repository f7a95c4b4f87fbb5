resource "aws_s3_bucket" "phi_exports" {
  bucket = "clinic-phi-exports"
}

resource "aws_s3_bucket" "scans" {
  count  = 2
  bucket = "clinic-scans-${count.index}"
}

resource "aws_s3_bucket" "audit_archive" {
  bucket = "clinic-audit-archive"
}

# Not created unless enabled, and disabled by default.
resource "aws_s3_bucket" "scratch" {
  count  = var.create_scratch ? 1 : 0
  bucket = "clinic-scratch"
}

variable "create_scratch" {
  type    = bool
  default = false
}

# Not patient data: SSE-S3 is acceptable here.
resource "aws_s3_bucket" "static_assets" {
  bucket = "clinic-static-assets"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "static_assets" {
  bucket = aws_s3_bucket.static_assets.bucket
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Provider v3 style, inline.
resource "aws_s3_bucket" "legacy_records" {
  bucket = "clinic-legacy-records"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.phi.arn
      }
    }
  }
}

# One encryption resource per bucket, through for_each over references.
resource "aws_s3_bucket" "referrals" {
  bucket = "clinic-referrals"
}

resource "aws_s3_bucket" "invoices" {
  bucket = "clinic-invoices"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "documents" {
  for_each = { referrals = aws_s3_bucket.referrals.id, invoices = aws_s3_bucket.invoices.id }
  bucket   = each.value
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
